export {
  checkPipelineParameters,
  declaredPipelineParameters,
  describePipelineParameterProblem,
  resolvePipelineParameters,
} from './pipelineParameters';
export type {
  PipelineParameterDeclaration,
  PipelineParameterProblem,
  PipelineParameterValue,
} from './pipelineParameters';
export {
  evaluateCondition,
  interpolatePipelineValues,
  workflowRuns,
} from './when';
export type { PipelineValues } from './when';
