import { NEVER_PRUNE, UniformSampler } from './defaults.js';
import { DuplicatedStudyError, InvalidArgumentError } from './errors.js';
import { checkOptionNames } from './option-names.js';
import { InMemoryStorage } from './storage/memory.js';
import { storageFromUrl } from './storage/url.js';
import { type HeartbeatOptions, Study } from './study.js';
import type { Pruner, Sampler, Storage, StudyDirection } from './types.js';

export interface CreateStudyOptions extends HeartbeatOptions {
  /** Default: a generated unique name. */
  readonly studyName?: string | undefined;
  /** Default 'minimize'. Give either `direction` or `directions`. */
  readonly direction?: StudyDirection | undefined;
  /** One per objective, for multi-objective studies. */
  readonly directions?: readonly StudyDirection[] | undefined;
  /** Default: independent uniform sampling (unseeded). */
  readonly sampler?: Sampler | undefined;
  /** Default: never prunes. */
  readonly pruner?: Pruner | undefined;
  /** A Storage or a URL for `storageFromUrl`. Default: a new InMemoryStorage. */
  readonly storage?: Storage | string | undefined;
  /** Load the study when one with this name exists, instead of throwing DuplicatedStudyError. */
  readonly loadIfExists?: boolean | undefined;
}

export interface LoadStudyOptions extends HeartbeatOptions {
  /** May be left out when the storage holds exactly one study. */
  readonly studyName?: string | undefined;
  readonly storage: Storage | string;
  readonly sampler?: Sampler | undefined;
  readonly pruner?: Pruner | undefined;
}

export interface DeleteStudyOptions {
  readonly studyName: string;
  readonly storage: Storage | string;
}

const HEARTBEAT_OPTION_NAMES = [
  'heartbeatIntervalMs',
  'gracePeriodMs',
  'failedTrialCallback',
] as const satisfies readonly (keyof HeartbeatOptions)[];

/** Every option name of `createStudy`: any other is refused (`checkOptionNames`). */
const CREATE_OPTION_NAMES = [
  'studyName',
  'direction',
  'directions',
  'sampler',
  'pruner',
  'storage',
  'loadIfExists',
  ...HEARTBEAT_OPTION_NAMES,
] as const satisfies readonly (keyof CreateStudyOptions)[];

const LOAD_OPTION_NAMES = [
  'studyName',
  'storage',
  'sampler',
  'pruner',
  ...HEARTBEAT_OPTION_NAMES,
] as const satisfies readonly (keyof LoadStudyOptions)[];

function checkDirection(param: string, d: unknown): StudyDirection {
  if (d !== 'minimize' && d !== 'maximize')
    throw new InvalidArgumentError(param, d, "must be 'minimize' or 'maximize'");
  return d;
}

function resolveDirections(o: CreateStudyOptions): StudyDirection[] | undefined {
  if (o.direction !== undefined && o.directions !== undefined) {
    throw new InvalidArgumentError(
      'direction',
      o.direction,
      'give either direction or directions, not both',
    );
  }
  if (o.direction !== undefined) return [checkDirection('direction', o.direction)];
  if (o.directions === undefined) return undefined;
  if (!Array.isArray(o.directions) || o.directions.length === 0) {
    throw new InvalidArgumentError('directions', o.directions, 'must be a non-empty array');
  }
  return o.directions.map((d, i) => checkDirection(`directions[${i}]`, d));
}

function checkPlugins(o: { sampler?: Sampler; pruner?: Pruner }): void {
  if (
    o.sampler !== undefined &&
    (typeof o.sampler !== 'object' ||
      o.sampler === null ||
      typeof o.sampler.sampleIndependent !== 'function')
  ) {
    throw new InvalidArgumentError(
      'sampler',
      typeof o.sampler,
      'must be a Sampler (an object with sampleIndependent)',
    );
  }
  if (
    o.pruner !== undefined &&
    (typeof o.pruner !== 'object' || o.pruner === null || typeof o.pruner.prune !== 'function')
  ) {
    throw new InvalidArgumentError(
      'pruner',
      typeof o.pruner,
      'must be a Pruner (an object with prune)',
    );
  }
}

function checkHeartbeat(o: HeartbeatOptions): void {
  const positive = (name: string, v: number | undefined) => {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) {
      throw new InvalidArgumentError(name, v, 'must be a positive number of milliseconds');
    }
  };
  positive('heartbeatIntervalMs', o.heartbeatIntervalMs);
  positive('gracePeriodMs', o.gracePeriodMs);
  if (o.gracePeriodMs !== undefined && o.heartbeatIntervalMs === undefined) {
    throw new InvalidArgumentError('gracePeriodMs', o.gracePeriodMs, 'needs heartbeatIntervalMs');
  }
  if (o.failedTrialCallback !== undefined && typeof o.failedTrialCallback !== 'function') {
    throw new InvalidArgumentError(
      'failedTrialCallback',
      typeof o.failedTrialCallback,
      'must be a function',
    );
  }
}

async function resolveStorage(storage: Storage | string | undefined): Promise<Storage> {
  if (storage === undefined) return new InMemoryStorage();
  if (typeof storage === 'string') return storageFromUrl(storage);
  if (
    typeof storage !== 'object' ||
    storage === null ||
    typeof storage.createTrial !== 'function'
  ) {
    throw new InvalidArgumentError('storage', typeof storage, 'must be a Storage or a storage URL');
  }
  return storage;
}

function generatedName(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  const id =
    typeof c?.randomUUID === 'function'
      ? c.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  return `no-name-${id}`;
}

/**
 * Creates a study (or loads it with `loadIfExists`). When a study is loaded and directions
 * were given explicitly, they must match the stored ones.
 */
export async function createStudy(options: CreateStudyOptions = {}): Promise<Study> {
  checkOptionNames(options, CREATE_OPTION_NAMES, 'createStudy');
  const explicit = resolveDirections(options);
  const directions = explicit ?? ['minimize'];
  checkPlugins(options);
  checkHeartbeat(options);
  if (
    options.studyName !== undefined &&
    (typeof options.studyName !== 'string' || options.studyName.length === 0)
  ) {
    throw new InvalidArgumentError('studyName', options.studyName, 'must be a non-empty string');
  }
  const storage = await resolveStorage(options.storage);
  const studyName = options.studyName ?? generatedName();
  let studyId: number;
  try {
    studyId = await storage.createStudy(studyName, directions);
  } catch (e) {
    if (!(e instanceof DuplicatedStudyError) || options.loadIfExists !== true) throw e;
    studyId = await storage.getStudyIdFromName(studyName);
  }
  const summary = await storage.getStudy(studyId);
  if (explicit !== undefined && explicit.join() !== summary.directions.join()) {
    throw new InvalidArgumentError(
      'directions',
      explicit,
      `the existing study "${studyName}" has directions ${JSON.stringify(summary.directions)}`,
    );
  }
  return openStudy(storage, studyId, options);
}

/** Loads an existing study; without a name, the storage's only study. */
export async function loadStudy(options: LoadStudyOptions): Promise<Study> {
  if (options === undefined || options === null || options.storage === undefined) {
    throw new InvalidArgumentError('storage', undefined, 'loadStudy needs a storage');
  }
  checkOptionNames(options, LOAD_OPTION_NAMES, 'loadStudy');
  checkPlugins(options);
  checkHeartbeat(options);
  const storage = await resolveStorage(options.storage);
  let studyId: number;
  if (options.studyName === undefined) {
    const all = await storage.getAllStudies();
    if (all.length !== 1) {
      throw new InvalidArgumentError(
        'studyName',
        undefined,
        `is required: the storage holds ${all.length} studies, not exactly one`,
      );
    }
    studyId = all[0].studyId;
  } else {
    studyId = await storage.getStudyIdFromName(options.studyName);
  }
  return openStudy(storage, studyId, options);
}

/** Deletes a study and its trials. Throws StudyNotFoundError when there is none. */
export async function deleteStudy(options: DeleteStudyOptions): Promise<void> {
  checkOptionNames(options, ['studyName', 'storage'], 'deleteStudy');
  const storage = await resolveStorage(options.storage);
  if (typeof options.studyName !== 'string') {
    throw new InvalidArgumentError('studyName', options.studyName, 'must be a string');
  }
  const id = await storage.getStudyIdFromName(options.studyName);
  await storage.deleteStudy(id);
}

async function openStudy(
  storage: Storage,
  studyId: number,
  o: HeartbeatOptions & { sampler?: Sampler; pruner?: Pruner },
): Promise<Study> {
  const summary = await storage.getStudy(studyId);
  const study = new Study({
    storage,
    summary,
    sampler: o.sampler ?? new UniformSampler(),
    pruner: o.pruner ?? NEVER_PRUNE,
    heartbeatIntervalMs: o.heartbeatIntervalMs,
    gracePeriodMs: o.gracePeriodMs,
    failedTrialCallback: o.failedTrialCallback,
  });
  await study.getTrials();
  return study;
}
