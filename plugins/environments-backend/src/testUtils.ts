/**
 * The plugin's history store, for benchmarks and tests of other packages
 * that seed and query a database the way the plugin does. Not part of the
 * plugin's runtime API: backends install the plugin from the default entry.
 *
 * @packageDocumentation
 */
export { DatabaseEnvironmentsStore } from './database/DatabaseEnvironmentsStore';
export type {
  EndpointStats,
  EnvironmentsStore,
  HistoryCursor,
  IngestionCursor,
  JobRecord,
  PipelineRecord,
  ProbeSample,
  WorkflowRecord,
  WorkflowRun,
} from './database/EnvironmentsStore';
