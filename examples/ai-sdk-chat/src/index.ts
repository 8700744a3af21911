export { lookupShipment, type Shipment } from './lookup-shipment';
export {
  type AISDKTurnOptions,
  type AISDKTurnResult,
  type ChatMessage,
  runAISDKTurn,
} from './run-ai-sdk-turn';
