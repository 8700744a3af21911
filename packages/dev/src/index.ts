export { type RunCliOptions, runCli } from './cli/run-cli';
export { InvalidPricesError, loadPrices } from './prices/load-prices';
export type { ModelPrice, PriceTable } from './prices/price-table';
export { TOKEN_HEADER } from './server/request-guard';
export {
  type DevServer,
  type DevServerOptions,
  startDevServer,
} from './server/start-dev-server';
export { type DefaultDbPathOptions, defaultDbPath } from './store/default-db-path';
export { PACKAGE_VERSION as VERSION } from './version';
