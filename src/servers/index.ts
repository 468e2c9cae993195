// The servers' settings catalogue: facts generated from gunicorn, uvicorn and waitress sources
// (scripts/servers/generate.py; see README.md), lookups over them, and the servers' validators.
export * from './lookups.js';
export type * from './types.js';
export { compareVersions, versionKey } from './versions.js';
export { validate, validateSetting, validatorImpl, IMPLEMENTATIONS, type Checked, type SettingInput } from './validators.js';
export { clickMessage } from './validators-click.js';
export { py, pyFloat, pyInt, pyStr, pyList, toPlain, repr, str as pyToStr, type Py, type PyInput } from './py.js';
