import { createBlobUploadsRepository } from './blob-uploads-repository.js';
import { createCheckupsRepository } from './checkups-repository.js';
import { createLinkAttemptsRepository } from './link-attempts-repository.js';
import { createLinksRepository } from './links-repository.js';
import { createProfilesRepository } from './profiles-repository.js';

/** Every repository of the health service, as the handlers receive them. */
export function createHealthRepositories() {
  return {
    ...createLinksRepository(),
    ...createCheckupsRepository(),
    ...createProfilesRepository(),
    ...createLinkAttemptsRepository(),
    ...createBlobUploadsRepository(),
  };
}

export type HealthRepositories = ReturnType<typeof createHealthRepositories>;
