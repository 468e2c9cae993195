// Reusable helpers for the worker-tune benchmarks (bench/memory.mjs, bench/quality.mjs, ...).
// Plain ESM, Node >= 20 built-ins only, Linux (/proc) only.
//
//   freePort(host?)                         free ephemeral TCP port on loopback
//   startServer({cmd,args,env,cwd,port,readyTimeoutMs,...}) -> {pid, port, url, stop(), stderr()}
//   httpGet(url, {timeoutMs})               one GET on a fresh connection
//   processTree(pid) / children(pid)        descendants via /proc ppid links
//   smapsRollup(pid), pss(pid), uss(pid), rss(pid)   memory in bytes from /proc/PID/smaps_rollup
//   runWrk({url,connections,threads,durationS,timeoutS}) -> {rps,p50Ms,p99Ms,errors,timeouts,requests,...}
//   installCleanupHandlers(), stopAll()     stop every child process group on SIGINT/exit
//   stoppingSignal()                        non-null once a signal handler is stopping everything
//   sleep(ms), mib(bytes), mean(xs), sum(xs)
export { freePort } from './port.mjs';
export { startServer } from './server.mjs';
export { httpGet } from './http.mjs';
export {
  processTree,
  children,
  listProcesses,
  readStat,
  readCmdline,
  groupMembers,
  groupAlive,
  smapsRollup,
  pss,
  uss,
  rss,
} from './proc.mjs';
export { runWrk, parseWrkOutput, parseWrkDuration } from './wrk.mjs';
export { installCleanupHandlers, stoppingSignal, trackGroup, trackedGroups, signalGroup, stopGroup, stopAll, killAllSync } from './cleanup.mjs';
export { sleep, mib, mean, sum, TailBuffer } from './util.mjs';
