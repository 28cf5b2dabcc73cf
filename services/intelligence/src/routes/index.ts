import { serviceInfoRoute, type ConsentCheck, type Db, type Logger, type RouteSpec } from '@healthsync/shared';
import type { Chat } from '../handlers/chat.js';
import type { Diagnosis } from '../handlers/diagnosis.js';
import type { MessageBatches } from '../handlers/message-batches.js';
import type { Messages } from '../handlers/messages.js';
import type { Recommendations } from '../handlers/recommendations.js';
import { createChatRoutes } from './chats.js';
import { createDiagnosisRoutes } from './diagnosis.js';
import { createExportRoutes } from './export.js';
import { createInternalRoutes } from './internal.js';
import { createMessageBatchRoutes } from './message-batches.js';
import { createRecommendationRoutes } from './recommendations.js';

export interface IntelligenceRouteDeps {
  diagnosis: Diagnosis;
  recommendations: Recommendations;
  chat: Chat;
  messages: Messages;
  messageBatches: MessageBatches;
  logger: Logger;
  consents: ConsentCheck;
  db: Db | undefined;
}

/** Every route of the intelligence service, in mount order (also what the API document is made from). */
export function intelligenceRoutes(deps: IntelligenceRouteDeps): RouteSpec[] {
  return [
    serviceInfoRoute('intelligence', 'intelligence', deps.db),
    ...createDiagnosisRoutes(deps.diagnosis, deps.consents),
    ...createRecommendationRoutes(deps.recommendations, deps.consents),
    ...createChatRoutes(deps.chat, deps.logger, deps.consents),
    ...createInternalRoutes(deps.recommendations, deps.messages),
    ...createMessageBatchRoutes(deps.messageBatches),
    ...createExportRoutes(deps.db),
  ];
}
