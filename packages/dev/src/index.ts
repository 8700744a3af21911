export { type RunCliOptions, runCli } from './cli/run-cli';
export { InvalidPricesError, loadPrices, parsePrices } from './prices/load-prices';
export {
  BUILT_IN_PRICES,
  costOf,
  findPrice,
  type ModelPrice,
  type PriceTable,
} from './prices/price-table';
export { TOKEN_HEADER } from './server/request-guard';
export {
  type DevServer,
  type DevServerOptions,
  startDevServer,
} from './server/start-dev-server';
export { type DefaultDbPathOptions, defaultDbPath } from './store/default-db-path';
export {
  type DevStore,
  type DevStoreOptions,
  type InsertResult,
  openDevStore,
} from './store/dev-store';
export { InvalidScoreError, type Score, type ScoreInput, type ScoreTarget } from './store/score';
export { PACKAGE_VERSION as VERSION } from './version';
