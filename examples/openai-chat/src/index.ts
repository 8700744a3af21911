export {
  type ChatMessage,
  type OpenAITurnOptions,
  runOpenAITurn,
  type TurnResult,
} from './run-openai-turn';
