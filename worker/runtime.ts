import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

/**
 * The Temporal SDK runtime of a worker process: its log level, and its own Prometheus metrics (task
 * latencies, schedule-to-start, sticky cache, polls) served at `metricsAddress` (`host:port`, empty =
 * off). Installable once per process, before any worker or native connection exists.
 */
export function installWorkerRuntime(opts: {
  metricsAddress?: string | undefined;
  logLevel?: LogLevel;
  shutdownSignals?: NodeJS.Signals[];
}): void {
  Runtime.install({
    logger: new DefaultLogger(opts.logLevel ?? 'WARN'),
    ...(opts.shutdownSignals ? { shutdownSignals: opts.shutdownSignals } : {}),
    ...(opts.metricsAddress
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: opts.metricsAddress } } } }
      : {}),
  });
}
