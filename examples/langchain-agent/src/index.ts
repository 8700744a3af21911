export { escalateToHuman } from './escalate-to-human';
export {
  type ChatMessage,
  type LangChainTurnOptions,
  type LangChainTurnResult,
  runLangChainTurn,
} from './run-langchain-turn';
