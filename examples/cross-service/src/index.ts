export { type AgentServiceOptions, startAgentService } from './agent-service';
export { type GatewayOptions, startGateway } from './gateway';
export type { Service } from './http-service';
export { w3cTraceAndBaggage, w3cTraceOnly } from './w3c-propagator';
