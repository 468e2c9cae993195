// What `tune check` works on: the project's files, the servers they start, and what it finds.
import type { Server } from '../core/classes.js';
import type { SettingValue } from '../core/types.js';
import type { CheckFinding } from './findings.js';

/**
 * What a file is. `yaml`: a YAML file whose content decides (compose, Kubernetes or a Render blueprint);
 * `script`: a shell start script (entrypoint.sh, bin/docker-server), read as text.
 */
export type FileKind = 'dotenv' | 'gunicorn-conf' | 'compose' | 'procfile' | 'cmd' | 'dockerfile' | 'script' | 'k8s' | 'render' | 'yaml';

export interface ProjectFile {
  /** As the user named it (relative paths stay relative, for annotations). */
  path: string;
  kind: FileKind;
  text: string;
}

export interface SourceRef {
  file: string;
  line?: number;
}

/** One setting's effective value and where it came from. */
export interface Effective {
  value: SettingValue;
  source: SourceRef;
  /** Which layer set it, lowest first: default, environment, config file, GUNICORN_CMD_ARGS, command line. */
  via: 'default' | 'env' | 'config' | 'cmd-args' | 'cli';
}

/** A server process the project starts: a compose service, a Procfile process, or --cmd. */
export interface Target {
  name: string;
  server: Server;
  source: SourceRef;
  settings: Record<string, Effective>;
  /** The compose service's or Kubernetes container's limits, when it has them. */
  limits: { memBytes?: number; cpus?: number; source?: SourceRef };
  /** Limits written as "no limit" (Docker's 0): the budget comes from elsewhere. */
  unlimited?: { what: 'memory' | 'cpus'; value: string; source: SourceRef }[];
  /** What the platform gives the process before SIGKILL (Kubernetes terminationGracePeriodSeconds). */
  shutdownGrace?: { seconds: number; source: SourceRef };
  /** The server versions the settings were judged against. */
  version?: string;
  findings: CheckFinding[];
}

export type { CheckFinding } from './findings.js';
