// @ts-check
'use strict';
/**
 * n8n's queue mode, per instance: what main and every worker share (Postgres, Redis, the
 * encryption key from n8nEnv, binary data in the database), what only a worker has (its health
 * endpoint), and reading a worker's log for the executions it ran.
 */

/**
 * n8n's database in Postgres (any n8n, queue mode or not).
 * @param {{ host: string, port: number, user: string, database: string }} postgres
 * @returns {Record<string, string>}
 */
function postgresEnv(postgres) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
	};
}

/**
 * The environment every instance of one queue-mode set adds to n8nEnv.
 * @param {{ postgres: { host: string, port: number, user: string, database: string },
 *   redis: { host: string, port: number }, settings?: Record<string, string> }} options
 * settings: e.g. QUEUE_WORKER_LOCK_DURATION, so a killed worker's execution is noticed sooner.
 * @returns {Record<string, string>}
 */
function queueModeEnv({ postgres, redis, settings = {} }) {
	return {
		EXECUTIONS_MODE: 'queue',
		...postgresEnv(postgres),
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// What queue mode needs: a binary written by one instance readable by every other one.
		// n8n 2.41 defaults to it in queue mode; said here so a reader sees it.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Executions started from the editor run on workers too, as production ones do.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		...settings,
	};
}

/**
 * What a worker adds: its health endpoint (GET /healthz/readiness answers 200 once it takes jobs).
 * @param {number} healthPort
 */
function workerEnv(healthPort) {
	return {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
}

/**
 * The ids of the executions a worker's log says it started (`Worker started execution N`).
 * @param {string} log
 * @returns {string[]}
 */
function startedExecutions(log) {
	return [...log.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
}

/**
 * The ids a worker's log says it finished (`Worker finished execution N`).
 * @param {string} log
 * @returns {string[]}
 */
function finishedExecutions(log) {
	return [...log.matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]);
}

module.exports = { postgresEnv, queueModeEnv, workerEnv, startedExecutions, finishedExecutions };
