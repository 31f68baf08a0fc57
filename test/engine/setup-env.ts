/**
 * jest `setupFiles` for the engine tier: runs in each test file's sandbox before any module
 * is loaded, so n8n-core's InstanceSettings (read when the first node runs) sees it.
 *
 * - N8N_USER_FOLDER: a temp folder of this jest worker (`<tmp>/ditio-engine-<pid>`), so
 *   n8n-core never writes to the home folder. jest never emits `exit` inside a test
 *   sandbox, so a folder cannot remove itself: instead each start removes the folders of
 *   workers that are gone.
 * - N8N_ENCRYPTION_KEY: fixed, so n8n-core has nothing to generate and save.
 * - The rest keeps n8n quiet and offline.
 */
import { mkdirSync, readdirSync, rmSync } from '../host/fs';
import { tmpdir } from '../host/os';
import { join } from '../host/path';
import { process } from '../host/globals';

const PREFIX = 'ditio-engine-';

function isAlive(pid: number) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

for (const entry of readdirSync(tmpdir())) {
	if (!entry.startsWith(PREFIX)) continue;
	const pid = Number(entry.slice(PREFIX.length));
	if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
		rmSync(join(tmpdir(), entry), { recursive: true, force: true });
	}
}

const userFolder = join(tmpdir(), `${PREFIX}${process.pid}`);
mkdirSync(userFolder, { recursive: true });
process.env.N8N_USER_FOLDER = userFolder;

// Overridable from the shell, e.g. N8N_LOG_LEVEL=debug to see n8n-core's
// "OAuth2 token for … expired. Revalidating." lines.
const defaults: Record<string, string> = {
	N8N_ENCRYPTION_KEY: 'engine-tier-test-key',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_RUNNERS_ENABLED: 'false',
	N8N_LOG_LEVEL: 'silent',
	GENERIC_TIMEZONE: 'UTC',
};
for (const [key, value] of Object.entries(defaults)) {
	if (process.env[key] === undefined) process.env[key] = value;
}
