import { createChatsRepository } from './chats-repository.js';
import { createRecommendationsRepository } from './recommendations-repository.js';
import { createTokenUsageRepository } from './usage.js';

/** Every repository of the intelligence service, as the handlers receive them. */
export function createIntelligenceRepositories() {
  return { ...createChatsRepository(), ...createRecommendationsRepository(), ...createTokenUsageRepository() };
}

export type IntelligenceRepositories = ReturnType<typeof createIntelligenceRepositories>;
