// Reusable helpers for the worker-tune benchmarks (bench/memory.mjs, bench/quality.mjs, ...).
// Plain ESM, Node >= 20 built-ins only, Linux (/proc) only.
//
//   startServer({cmd,args,env,cwd,port,readyTimeoutMs,...}) -> {pid, port, url, stop(), stderr()}
//   httpGet(url, {timeoutMs})               one GET on a fresh connection
//   processTree(pid)                        descendants via /proc ppid links
//   smapsRollup(pid)                        memory in bytes from /proc/PID/smaps_rollup
//   runWrk({url,connections,threads,durationS,timeoutS}) -> {rps,p50Ms,p99Ms,errors,timeouts,requests,...}
//   installCleanupHandlers(), stopAll()     stop every child process group on SIGINT/exit
//   trackGroup(pgid)                        stop this process group at exit too
//   stoppingSignal()                        non-null once a signal handler is stopping everything
//   sleep(ms), mib(bytes), mean(xs), sum(xs), median(xs), spread(xs)
//   cpuSeconds(pid)                         utime+stime of a process from /proc/PID/stat
//   machineCpuSeconds()                     machine-wide busy/idle CPU seconds from /proc/stat
//   waitForWorkers(url, n)                  poll /pid until n workers answered
//   benchServerEnv(), machineInfo(python)   server environment; machine + versions for reports
export { startServer } from './server.mjs';
export { httpGet } from './http.mjs';
export { processTree, smapsRollup, cpuSeconds, machineCpuSeconds } from './proc.mjs';
export { runWrk } from './wrk.mjs';
export { installCleanupHandlers, stoppingSignal, trackGroup, stopAll } from './cleanup.mjs';
export { sleep, mib, mean, sum, median, spread, writeAtomic } from './util.mjs';
export { waitForWorkers } from './ready.mjs';
export { benchServerEnv } from './env.mjs';
export { machineInfo } from './machine.mjs';
