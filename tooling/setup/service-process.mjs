// How the built service is run, by `npm start` and (the same flags, written out) by the systemd unit.

/**
 * Node flags for the long-running service. A 1 MB young generation instead of 16 MB: an idle
 * restaurant service allocates little, and the unused semi-space would otherwise stay resident.
 */
export const serviceNodeFlags = ['--max-semi-space-size=1'];

/**
 * glibc keeps memory freed at the top of its heap when a later allocation sits above it; V8 frees
 * megabytes of parser memory right after loading the bundle. Serving allocations above 16 KiB with
 * their own mappings hands that memory back (about 8 MB of resident memory on the idle service).
 */
export const serviceTunables = 'glibc.malloc.mmap_threshold=16384';

/**
 * `env` plus the service's malloc tunables; tunables the operator set come last, so theirs win.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function serviceEnvironment(env) {
  const tunables = [serviceTunables, env.GLIBC_TUNABLES].filter(Boolean).join(':');
  return { ...env, GLIBC_TUNABLES: tunables };
}
