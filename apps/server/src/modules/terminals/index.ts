/**
 * Terminals (机具管理): the model catalogue and suppliers, warehouses, the terminal ledger (机具台账) with
 * its lifecycle and history, imports into stock, and installation: binding a unit to a merchant with its
 * TID and injecting its TMK. Owns terminal_models, suppliers, warehouses, terminals, terminal_events.
 * Uses audit and the security module; the merchants module calls installTerminal.
 * 远程升级: releases per model (terminal_releases), upgrade campaigns (terminal_campaigns, with a row per
 * targeted unit in terminal_campaign_targets) offered in the merchants' maintenance windows (their
 * business hours from merchants) and paused by health checks; progress from the heartbeats.
 */

export { seedDemoUpgrades } from './campaigns.demo';
export { runCampaigns } from './campaigns.jobs';
export { detectOfflineTerminals, type Heartbeat, recordHeartbeats } from './heartbeats.service';
export { registerProcurementApprovals } from './procurement.service';
export { registerTerminalApprovals } from './scrap.service';
export { checkLowStock } from './stock.service';
export { registerStocktakeApprovals } from './stocktake.service';
export { seedDemoTerminals } from './terminals.demo';
export { terminalForHost } from './terminals.repo';
export { terminalRoutes } from './terminals.routes';
export { seedTerminalCatalogue } from './terminals.seed';
export {
  activateTerminal,
  type InstallationBinding,
  installTerminal,
  type KeyInjection,
  relocateTerminal,
  retrieveTerminal,
} from './terminals.service';
