// `worker-tune/check`: judge the configuration a project already has. Files arrive read (path, kind,
// text); the caller says what machine and load each server process is judged against.
export { check, CheckInputError, type CheckOptions, type CheckResult, type CheckedTarget } from './run.js';
export type { CheckFinding, Effective, FileKind, ProjectFile, SourceRef, Target } from './types.js';
