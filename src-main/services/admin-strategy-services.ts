// The admin console's handlers for FIA crediting strategies, their rates and index history; part of
// createAdminHandlers (admin-services.ts), whose online / write / importSheet wrappers they use: reads
// are online calls, writes start a sync run after the server accepts them, sheets answer bad lines.
import type { strategyAdminMethods } from '../../src-shared/desktop-api/index.js';
import type { AdminApi } from '../admin/admin-api-client.js';
import type { HandlersFor } from '../ipc/desktop-call.js';

type Run<T> = (client: AdminApi) => Promise<T>;
type SheetAnswer<R> = { outcome: 'preview' | 'published'; result: R } | { outcome: 'invalid'; badRows: { line: number; cusip?: string; reasons: string[] }[]; message: string };

export interface AdminCallWrappers {
  read<T>(run: Run<T>): Promise<T>;
  write<T>(run: Run<T>): Promise<T>;
  importSheet<R>(dryRun: boolean, send: Run<R>): Promise<SheetAnswer<R>>;
}

export function createStrategyAdminHandlers({ read, write, importSheet }: AdminCallWrappers): HandlersFor<typeof strategyAdminMethods> {
  return {
    adminProductStrategies: ({ productId }) => read((client) => client.listStrategies(productId)),
    adminAddStrategy: ({ productId, strategy }) => write((client) => client.addStrategy(productId, strategy)),
    adminReplaceStrategy: ({ strategyId, strategy }) => write((client) => client.replaceStrategy(strategyId, strategy)),
    adminDeactivateStrategy: ({ strategyId, reason }) => write((client) => client.deactivateStrategy(strategyId, reason)),
    adminPublishStrategyRate: ({ strategyId, rate }) => write((client) => client.publishStrategyRate(strategyId, rate)),
    adminRetractStrategyRate: ({ strategyRateId, reason }) => write((client) => client.retractStrategyRate(strategyRateId, reason)),
    adminImportStrategyRateSheet: ({ csv, dryRun }) => importSheet(dryRun, (client) => client.importStrategyRateSheet(csv, { dryRun })),
    adminListIndexes: () => read((client) => client.listIndexes()),
    adminIndexLevels: ({ indexName }) => read((client) => client.listIndexLevels(indexName)),
    adminPublishIndexLevels: ({ levels }) => write((client) => client.publishIndexLevels(levels)),
    adminRetractIndexLevel: ({ indexLevelId, reason }) => write((client) => client.retractIndexLevel(indexLevelId, reason)),
    adminImportIndexLevelSheet: ({ csv, dryRun }) => importSheet(dryRun, (client) => client.importIndexLevelSheet(csv, { dryRun })),
  };
}
