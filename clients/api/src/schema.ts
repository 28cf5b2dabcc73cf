// Generated from openapi.json by scripts/generate.mjs (openapi-typescript). Do not edit.
export interface paths {
    "/api/notifications/service-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** batch 서비스 버전 정보 · Version and schema version of the batch service */
        get: operations["batchServiceInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 푸시 알림을 받는 기기 목록 · The signed-in user’s devices that receive push notifications */
        get: operations["listPushDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/devices/{deviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * 푸시 알림 기기 등록(토큰 갱신) · Register (or refresh) this device’s push token; the same call again changes nothing
         * @description Call at every app start and whenever the Firebase SDK reports a new token. A token belongs to one account and device: registering a token another account holds (the phone changed hands) moves it here. Inbox messages are then pushed to every registered device, honouring opt-out and quiet hours; a token FCM reports as unregistered is removed.
         */
        put: operations["registerPushDevice"];
        post?: never;
        /** 푸시 알림 기기 해제 · Stop pushing to this device (at sign-out) */
        delete: operations["unregisterPushDevice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 알림함 · The signed-in user’s inbox, newest first, with the unread count */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 알림 설정 조회 · Opt-out and quiet hours of the daily encouragement */
        get: operations["getNotificationPreferences"];
        /** 알림 설정 변경(수신 거부·방해 금지 시간) · Opt out of the daily encouragement or set quiet hours (Asia/Seoul) */
        put: operations["saveNotificationPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 알림 읽음 표시 · Mark one message read (again is fine) */
        post: operations["markNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/home": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 홈 화면 (한 번에) · The home screen in one call: account, latest judged checkup, today’s missions and the inbox
         * @description Gathers the four parts of the home screen from their services in parallel (each with its own deadline) and answers once all have answered or timed out. A part whose service fails or is too slow is marked `UNAVAILABLE` with a `code`; the other parts are still served with 200. Each part’s `data` is exactly what the service’s own route answers.
         */
        get: operations["getHome"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goals/service-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** goal 서비스 버전 정보 · Version and schema version of the goal service */
        get: operations["goalServiceInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goals/catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 미션 카탈로그 · Missions anyone can choose (exercise, diet, sleep, stress, lifestyle) */
        get: operations["listMissionCatalogue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goals/missions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * 미션 선택(1–5개) · Choose 1–5 missions from your AI recommendations or the catalogue; replaces the active set (kept in history)
         * @description An id that is neither in the catalogue, nor in your current AI recommendations, nor one of your active missions is answered 400 VALIDATION_FAILED naming it.
         */
        put: operations["chooseMissions"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goals/today": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 오늘의 미션 · Today’s missions (Asia/Seoul): done today, streaks and today’s completion rate */
        get: operations["getTodayMissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goals/missions/{missionId}/completions/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * 미션 완료 체크 · Check a mission off for today or yesterday (doing it twice changes nothing)
         * @description Only today and yesterday (Asia/Seoul) can be changed; another date is answered 400 VALIDATION_FAILED, as is a date that is not a calendar day.
         */
        put: operations["completeMission"];
        post?: never;
        /**
         * 미션 완료 취소 · Undo a check-off of today or yesterday (undoing twice changes nothing)
         * @description Only today and yesterday (Asia/Seoul) can be changed; another date is answered 400 VALIDATION_FAILED, as is a date that is not a calendar day.
         */
        delete: operations["undoMissionCompletion"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goals/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 목표 달성 현황 · Daily, weekly and monthly completion rates, streaks per mission and overall, chart series, celebrations and set history
         * @description `from` after `to` or after today, or a period longer than the maximum, is answered 400 VALIDATION_FAILED; `to` after today is cut at today.
         */
        get: operations["getGoalProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goals/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 미션 초기화 · End the active missions with a reason and get fresh suggestions to choose from */
        post: operations["resetMissions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/service-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** health 서비스 버전 정보 · Version and schema version of the health service */
        get: operations["healthServiceInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/nhis/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 건강보험공단 검진 연동 시작(간편인증 요청) · Start linking NHIS checkups: the user is asked to approve in their simple-auth app */
        post: operations["startNhisLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/nhis/links/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 검진 연동 상태 · The state of a link: PENDING_APPROVAL, IMPORTED, EXPIRED, DENIED or FAILED */
        get: operations["getNhisLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/nhis/links/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 간편인증 승인 후 검진 결과 가져오기 · After approving on the phone: fetch and import the checkups (only new ones are added) */
        post: operations["completeNhisLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/checkups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 건강검진 이력 · Checkup history, newest first, a page at a time */
        get: operations["listCheckups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/checkups/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 최근 건강검진 결과와 판정 · The latest checkup, every item judged against the 2026 NHIS criteria, with a summary of flagged items */
        get: operations["getLatestCheckup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/checkups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 건강검진 상세 · One checkup: every stored value with its unit, and the judgement */
        get: operations["getCheckup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/checkups/{id}/document": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 검진 결과지 원본(PDF) 내려받기 · The original result sheet (PDF), streamed */
        get: operations["getCheckupDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 검진 항목별 추이 · Chart-ready series per item across the years, with the grade bands */
        get: operations["getTrends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 내 건강정보 열람 기록 · Who accessed my health data: every read of the user’s checkups (by the user, by a service, by an operator), newest first
         * @description Each read of checkup data is recorded before the data is answered: who (the user, a service such as the AI, or an operator), what, when and why. Only the signed-in user’s own entries are listed. Entries are kept for two years, also after the account is deleted (then no longer shown).
         */
        get: operations["getMyAccessLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/me/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 내 데이터 내려받기 요청 목록 (최신순) · Your data exports, newest first (expired and failed ones stay listed for a week) */
        get: operations["listMyDataExports"];
        put?: never;
        /**
         * 내 데이터 내려받기 요청 (ZIP, 백그라운드에서 만들어짐) · Ask for a copy of everything HealthSync holds about you (a ZIP, built in the background)
         * @description PIPA’s right of access: the profile, consents and their history, sign-ins, checkups with their original sheets, missions and check-offs, chats, the inbox, push devices (token endings only) and the access log, one JSON file per area plus a manifest. Needs no consent. Poll `GET /api/users/me/exports/{exportId}` until `ready`, then download it. While one export is being built, asking again answers that one; at most a few a day. Send `Idempotency-Key`.
         */
        post: operations["requestMyDataExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/me/exports/{exportId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 내 데이터 내려받기 상태 조회 · One of your data exports: its status, and the download while it is ready */
        get: operations["getMyDataExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/me/exports/{exportId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 내 데이터 ZIP 파일 내려받기 (만료 전까지, 본인 토큰으로만) · The ZIP of a ready export, streamed (with your access token only; until expiresAt) */
        get: operations["downloadMyDataExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intelligence/service-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** intelligence 서비스 버전 정보 · Version and schema version of the intelligence service */
        get: operations["intelligenceServiceInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intelligence/diagnosis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** AI 건강검진 해석(3줄 요약) · A three-line AI reading of the latest checkup, with a health score and risk level */
        get: operations["getDiagnosis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intelligence/missions/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** AI 맞춤 미션 5개 추천 · Five daily missions (15–30 minutes each) chosen for the latest checkup and the occupation */
        post: operations["recommendMissions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intelligence/missions/recommendations/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 최근 추천 미션 · The user’s most recent recommendation set */
        get: operations["getCurrentRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intelligence/chats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 상담 목록 · The user’s chat sessions, newest first */
        get: operations["listChats"];
        put?: never;
        /** AI 건강 상담 시작 · Open a chat session about the user’s health */
        post: operations["openChat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intelligence/chats/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 상담 내용 보기 · A chat session with its messages, a page at a time (newest page first) */
        get: operations["getChat"];
        put?: never;
        post?: never;
        /** 상담 삭제 · Delete a chat session and its messages */
        delete: operations["deleteChat"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intelligence/chats/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** AI에게 질문하기(스트리밍 답변) · Ask a question; the answer is streamed as server-sent events when the request accepts text/event-stream */
        post: operations["askInChat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/service-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** user 서비스 버전 정보 · Version and schema version of the user service */
        get: operations["userServiceInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/google": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Google 로그인 · Sign in with Google: send the ID token, or the authorization code with its PKCE verifier */
        post: operations["signInWithGoogle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OAuth 토큰 발급 · OAuth 2.0 token endpoint: redeem a Google authorization code (PKCE) or a refresh token for HealthSync tokens
         * @description What the reference page’s **Authorize** button uses: the browser signs in at the OpenID Connect issuer (authorization code with PKCE), and this endpoint redeems the code exactly as `POST /api/auth/google` does, answering in the RFC 6749 token format. Errors are problem+json like everywhere else.
         */
        post: operations["oauthToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 토큰 갱신 · Exchange a refresh token for new tokens (the old refresh token stops working) */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 로그아웃 · Sign out this session: its refresh token and access tokens stop working */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 액세스 토큰 검증 공개키 · Public keys that verify HealthSync access tokens (JWKS) */
        get: operations["accessTokenKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 내 계정 조회 · The signed-in user’s account */
        get: operations["getMyAccount"];
        /**
         * 프로필 등록·수정 · Complete onboarding or edit the profile (name, birth date, sex, occupation)
         * @description `birthDate` must be a real calendar day, not in the future, and make the user at least 19 and at most 120 years old (Asia/Seoul); otherwise 400 VALIDATION_FAILED.
         */
        put: operations["updateMyProfile"];
        post?: never;
        /** 회원 탈퇴 · Delete the account: every service erases this user’s data */
        delete: operations["deleteMyAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/me/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 연결된 로그인 계정 · The sign-in providers linked to the account (Google, and Kakao or Apple where configured) */
        get: operations["listMyIdentities"];
        put?: never;
        /**
         * 다른 로그인 계정 연결 · Link another sign-in provider: send its ID token; afterwards either signs in to this account
         * @description The ID token of a configured OpenID Connect issuer (verified like a sign-in). Linking an identity already linked to this account changes nothing; one linked to another account is refused with 409 and stays where it is.
         */
        post: operations["linkIdentity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/me/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 내 개인정보 동의 현황 · The consents in force (health information; transfer abroad to the AI provider), each with its current notice
         * @description PIPA: collecting health information (sensitive information) and transferring it abroad to the AI provider each need a separate, explicit consent. NHIS linking needs HEALTH_DATA; the AI reading, recommendations and chat need both. `notice` is the text to show and the version to send when granting.
         */
        get: operations["getMyConsents"];
        put?: never;
        /**
         * 개인정보 동의·철회 · Grant or withdraw one consent; each decision is recorded with its notice version, time and channel
         * @description A grant must name the current notice version (`GET /api/users/me/consents`), else 400 VALIDATION_FAILED. Withdrawing stops the processing it covered from the next request on, and destroys what was collected under it without delay (HEALTH_DATA: the checkups, their sheets, the NHIS link records, and the AI readings and recommendations made from them; the access log is kept): `withdrawal` says what. Repeating the decision in force records nothing (`recorded: false`).
         */
        post: operations["decideConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/me/consents/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 개인정보 동의·철회 이력 · Every consent decision, newest first, a page at a time */
        get: operations["getMyConsentHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details. `code` is stable and machine-readable; `detail` is for people. */
        Problem: {
            /**
             * Format: uri
             * @description Identifies the kind of problem
             * @example https://healthsync.example/problems/validation-failed
             */
            type: string;
            /** @example Bad Request */
            title: string;
            status: number;
            /** @description Stable machine-readable error code (see each response for the codes it uses) */
            code: string;
            detail?: string;
            /** @description W3C trace id of the request, to quote when reporting a problem */
            traceId?: string;
            /** @description With 503: when to try again (also in Retry-After) */
            retryAfterSeconds?: number;
            /** @description With VALIDATION_FAILED: one entry per invalid input */
            errors?: {
                /** @description `path.`, `query.` or `body.` followed by the field, e.g. `body.birthDate` */
                field: string;
                message: string;
            }[];
            /** @description With CONSENT_REQUIRED: the consents the user has not given (or withdrew) that this needs */
            consents?: ("HEALTH_DATA" | "AI_OVERSEAS_TRANSFER")[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    batchServiceInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        version: string;
                        /** @description Newest migration applied to the service schema */
                        schemaVersion: number | null;
                        /**
                         * Format: date-time
                         * @description Server time, ISO 8601
                         */
                        time: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPushDevices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            deviceId: string;
                            /** @enum {string} */
                            platform: "ANDROID" | "IOS";
                            /** @description The last characters of the token; the token itself is never returned */
                            tokenEnding: string;
                            /** Format: date-time */
                            registeredAt: string;
                            /**
                             * Format: date-time
                             * @description When the token or platform last changed
                             */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerPushDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The app’s own id for this installation (stable while the app is installed; e.g. a UUID it generated)
                 * @example 6f1c2a9e-3b7d-4e58-a0c4-9d2e7f1b3a65
                 */
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The FCM registration token the Firebase SDK gave the app (on iOS too: APNs goes through FCM) */
                    token: string;
                    /** @enum {string} */
                    platform: "ANDROID" | "IOS";
                };
            };
        };
        responses: {
            /** @description The device as registered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deviceId: string;
                        /** @enum {string} */
                        platform: "ANDROID" | "IOS";
                        /** @description The last characters of the token; the token itself is never returned */
                        tokenEnding: string;
                        /** Format: date-time */
                        registeredAt: string;
                        /**
                         * Format: date-time
                         * @description When the token or platform last changed
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unregisterPushDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The app’s own id for this installation (stable while the app is installed; e.g. a UUID it generated)
                 * @example 6f1c2a9e-3b7d-4e58-a0c4-9d2e7f1b3a65
                 */
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The device no longer receives pushes */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This account has no device with this id (already unregistered). Codes: `DEVICE_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                /** @example 20 */
                limit?: number;
                /** @description Opaque cursor: `nextCursor` of the previous page, passed back unchanged; a forged one is answered 400 VALIDATION_FAILED */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the inbox */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Newest first */
                        items: {
                            /** Format: uuid */
                            id: string;
                            /**
                             * @description ENCOURAGEMENT: the daily AI nudge. CELEBRATION: a streak milestone reached (3, 7, 21 or 66 days of a mission in a row). INACTIVITY_NOTICE: the account has not been used for most of the retention period and will be erased from the day the text names unless the user signs in before (docs/decisions/022); show it prominently. New kinds may be added: show their text
                             * @enum {string}
                             */
                            kind: "ENCOURAGEMENT" | "INACTIVITY_NOTICE" | "CELEBRATION";
                            /** @description At most 80 characters (a celebration at most 100; a notice longer) */
                            text: string;
                            /**
                             * @description FALLBACK when the AI could not write it; SYSTEM for the service’s own notices
                             * @enum {string}
                             */
                            source: "AI" | "FALLBACK" | "SYSTEM";
                            /**
                             * Format: date-time
                             * @description When it arrived in the inbox (after quiet hours, if it waited), ISO 8601
                             */
                            deliveredAt: string;
                            read: boolean;
                            readAt: string | null;
                        }[];
                        /** @description Unread messages in the whole inbox */
                        unreadCount: number;
                        /** @description Opaque; pass as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNotificationPreferences: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag of the copy the app holds: 304 Not Modified (no body) while it is current.
                 * @example "m2Zx0n3cQ2m7b1hQk0bqv9dV8pX"
                 */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preferences (defaults until saved) */
            200: {
                headers: {
                    /** @description The version of this representation, for If-None-Match and If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        optedOut: boolean;
                        quietHours: {
                            start: string;
                            end: string;
                        } | null;
                        /** @constant */
                        timeZone: "Asia/Seoul";
                        /** @description true until the user saves their own (default: quiet 22:00–08:00) */
                        isDefault: boolean;
                        updatedAt: string | null;
                    };
                };
            };
            /** @description Not modified: the copy named by If-None-Match is current (no body) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    saveNotificationPreferences: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag of the copy the change is based on: if another device changed it since, 412 PRECONDITION_FAILED and nothing changes. Recommended on every write from the app.
                 * @example "m2Zx0n3cQ2m7b1hQk0bqv9dV8pX"
                 */
                "If-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description true: no daily encouragement at all and no push of any message (celebrations still arrive in the inbox) */
                    optedOut: boolean;
                    /** @description Messages written during these hours wait until they end; null: none */
                    quietHours: {
                        /** @description Asia/Seoul, inclusive */
                        start: string;
                        /** @description Asia/Seoul, exclusive */
                        end: string;
                    } | null;
                };
            };
        };
        responses: {
            /** @description The saved preferences; waiting messages follow them */
            200: {
                headers: {
                    /** @description The version of this representation, for If-None-Match and If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        optedOut: boolean;
                        quietHours: {
                            start: string;
                            end: string;
                        } | null;
                        /** @constant */
                        timeZone: "Asia/Seoul";
                        /** @description true until the user saves their own (default: quiet 22:00–08:00) */
                        isDefault: boolean;
                        updatedAt: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match no longer matches: the resource changed since it was read; nothing was changed. Codes: `PRECONDITION_FAILED` */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message, read */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /**
                         * @description ENCOURAGEMENT: the daily AI nudge. CELEBRATION: a streak milestone reached (3, 7, 21 or 66 days of a mission in a row). INACTIVITY_NOTICE: the account has not been used for most of the retention period and will be erased from the day the text names unless the user signs in before (docs/decisions/022); show it prominently. New kinds may be added: show their text
                         * @enum {string}
                         */
                        kind: "ENCOURAGEMENT" | "INACTIVITY_NOTICE" | "CELEBRATION";
                        /** @description At most 80 characters (a celebration at most 100; a notice longer) */
                        text: string;
                        /**
                         * @description FALLBACK when the AI could not write it; SYSTEM for the service’s own notices
                         * @enum {string}
                         */
                        source: "AI" | "FALLBACK" | "SYSTEM";
                        /**
                         * Format: date-time
                         * @description When it arrived in the inbox (after quiet hours, if it waited), ISO 8601
                         */
                        deliveredAt: string;
                        read: boolean;
                        readAt: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such message in this user’s inbox. Codes: `NOTIFICATION_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHome: {
        parameters: {
            query?: {
                /**
                 * @description How many of the newest inbox messages to include
                 * @example 5
                 */
                inboxLimit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The home screen; each part says whether it could be served */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The account, as `GET /api/users/me` answers it */
                        profile: {
                            /**
                             * @description OK: `data` holds the part; UNAVAILABLE: the user service failed or did not answer in time (see `code`); the other parts are still served
                             * @enum {string}
                             */
                            status: "OK" | "UNAVAILABLE";
                            /** @description With OK: the answer of `getMyAccount` */
                            data?: {
                                /** Format: uuid */
                                id: string;
                                email: string | null;
                                name: string | null;
                                picture: string | null;
                                birthDate: string | null;
                                sex: ("M" | "F") | null;
                                occupation: ("OFFICE_WORKER" | "IT_PROFESSIONAL" | "MANUAL_WORKER" | "DRIVER" | "HEALTHCARE_WORKER" | "EDUCATOR" | "SERVICE_WORKER" | "SELF_EMPLOYED" | "STUDENT" | "HOMEMAKER" | "RETIRED" | "OTHER") | null;
                                /** @enum {string} */
                                status: "PENDING" | "ACTIVE";
                                onboardingRequired: boolean;
                                /** Format: date-time */
                                createdAt: string;
                            };
                            /** @description With UNAVAILABLE: UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE, or the service’s own problem code (e.g. ACCOUNT_NOT_FOUND) */
                            code?: string;
                            /** @description With UNAVAILABLE: for people */
                            detail?: string;
                        };
                        /** @description The latest checkup, judged, as `GET /api/health/checkups/latest` answers it; `NONE` before the first import */
                        latestCheckup: {
                            /**
                             * @description OK: `data` holds the part; NONE: there is nothing yet; UNAVAILABLE: the health service failed or did not answer in time (see `code`); the other parts are still served
                             * @enum {string}
                             */
                            status: "OK" | "NONE" | "UNAVAILABLE";
                            /** @description With OK: the answer of `getLatestCheckup` */
                            data?: {
                                /** Format: uuid */
                                checkupId: string;
                                examYear: number;
                                examDate: string | null;
                                checkupType: string | null;
                                organizationName: string | null;
                                reportedJudgement: string | null;
                                /** @description The printed overall judgement (종합판정) explained; null when none was printed */
                                overallJudgement: {
                                    /** @description As NHIS printed it, e.g. 정A, 고∙당, 유질 */
                                    printed: string;
                                    /** @description null when the abbreviation has no known meaning */
                                    category: ("NORMAL_A" | "NORMAL_B" | "GENERAL_DISEASE_SUSPECTED" | "HYPERTENSION_DIABETES_SUSPECTED" | "UNDER_TREATMENT") | null;
                                    /** @description The category in words, e.g. 고혈압·당뇨병 질환의심; the printed text when unknown */
                                    label: string;
                                    /** @description What it means for the user, in one or two sentences */
                                    description: string;
                                } | null;
                                hasDocument: boolean;
                                criteria: string;
                                person: {
                                    sex: ("M" | "F") | null;
                                    ageAtExam: number | null;
                                    missingFacts: ("SEX" | "BIRTH_DATE")[];
                                };
                                items: {
                                    /** @description BMI, WAIST, BLOOD_PRESSURE, FASTING_GLUCOSE, … BONE_DENSITY */
                                    item: string;
                                    name: string;
                                    /** @description null when not tested */
                                    value: number | string | null;
                                    unit: string;
                                    /**
                                     * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                     * @enum {string}
                                     */
                                    grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                    gradeLabel: string;
                                    /** @description The criteria that applied to this person */
                                    appliedRange: {
                                        normalA: string;
                                        normalB: string | null;
                                        suspected: string;
                                        notClassified?: string;
                                    };
                                    /** @description NHIS’s own printed reference for the item, from the import */
                                    providerRange?: {
                                        unit: string | null;
                                        normalA: string | null;
                                        normalB: string | null;
                                        suspected: string | null;
                                    };
                                    computed?: boolean;
                                    /** @enum {string} */
                                    method?: "BMI_FROM_HEIGHT_WEIGHT" | "CKD_EPI_2021";
                                    /** @description Band sub-label (저체중), plain note on a value outside the graded range (기준보다 높음, 의사와 상의), or why an item was not applicable */
                                    note?: string;
                                    /** @description Present when the sheet printed a bound (">90", "<5"): value is then the printed text, judged by the bound */
                                    censored?: {
                                        /** @enum {string} */
                                        comparator: ">" | "≥" | "<" | "≤";
                                        bound: number;
                                    };
                                    components?: {
                                        part: string;
                                        value: number | string | null;
                                        /**
                                         * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                         * @enum {string}
                                         */
                                        grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                    }[];
                                    missingFacts?: ("SEX" | "BIRTH_DATE")[];
                                }[];
                                summary: {
                                    /** @description Items per grade; NOT_APPLICABLE items are not counted */
                                    counts: {
                                        [key: string]: number;
                                    };
                                    flagged: {
                                        item: string;
                                        name: string;
                                        /**
                                         * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                         * @enum {string}
                                         */
                                        grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                        gradeLabel: string;
                                        value: number | string | null;
                                        unit: string;
                                    }[];
                                    /**
                                     * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                     * @enum {string}
                                     */
                                    worstGrade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                    /** @description Measured values the notice does not grade (e.g. haemoglobin above the 정상A range), each with a plain note */
                                    outsideCriteria: {
                                        item: string;
                                        name: string;
                                        value: number | string;
                                        unit: string;
                                        note: string;
                                    }[];
                                };
                            };
                            /** @description With UNAVAILABLE: UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE, or the service’s own problem code (e.g. ACCOUNT_NOT_FOUND) */
                            code?: string;
                            /** @description With UNAVAILABLE: for people */
                            detail?: string;
                        };
                        /** @description Today’s missions, as `GET /api/goals/today` answers it */
                        todayMissions: {
                            /**
                             * @description OK: `data` holds the part; UNAVAILABLE: the goal service failed or did not answer in time (see `code`); the other parts are still served
                             * @enum {string}
                             */
                            status: "OK" | "UNAVAILABLE";
                            /** @description With OK: the answer of `getTodayMissions` */
                            data?: {
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD (Asia/Seoul)
                                 */
                                date: string;
                                /** @constant */
                                timeZone: "Asia/Seoul";
                                goalSetId: string | null;
                                startedOn: string | null;
                                missions: {
                                    missionId: string;
                                    title: string;
                                    description: string;
                                    /** @enum {string} */
                                    category: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
                                    /** @enum {string} */
                                    difficulty: "easy" | "medium" | "hard";
                                    minutes: number;
                                    benefit: string;
                                    /** @enum {string} */
                                    source: "CATALOGUE" | "RECOMMENDATION";
                                    recommendationSetId: string | null;
                                    doneToday: boolean;
                                    doneYesterday: boolean;
                                    currentStreak: number;
                                    bestStreak: number;
                                }[];
                                completedCount: number;
                                totalCount: number;
                                /** @description Percent with one decimal; null when nothing was scheduled */
                                completionRate: number | null;
                                /** @description Days in a row with every scheduled mission done */
                                overallStreak: number;
                            };
                            /** @description With UNAVAILABLE: UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE, or the service’s own problem code (e.g. ACCOUNT_NOT_FOUND) */
                            code?: string;
                            /** @description With UNAVAILABLE: for people */
                            detail?: string;
                        };
                        /** @description The newest `inboxLimit` messages and the unread count, as `GET /api/notifications` answers them */
                        inbox: {
                            /**
                             * @description OK: `data` holds the part; UNAVAILABLE: the batch service failed or did not answer in time (see `code`); the other parts are still served
                             * @enum {string}
                             */
                            status: "OK" | "UNAVAILABLE";
                            /** @description With OK: the answer of `listNotifications` */
                            data?: {
                                /** @description Newest first */
                                items: {
                                    /** Format: uuid */
                                    id: string;
                                    /**
                                     * @description ENCOURAGEMENT: the daily AI nudge. CELEBRATION: a streak milestone reached (3, 7, 21 or 66 days of a mission in a row). INACTIVITY_NOTICE: the account has not been used for most of the retention period and will be erased from the day the text names unless the user signs in before (docs/decisions/022); show it prominently. New kinds may be added: show their text
                                     * @enum {string}
                                     */
                                    kind: "ENCOURAGEMENT" | "INACTIVITY_NOTICE" | "CELEBRATION";
                                    /** @description At most 80 characters (a celebration at most 100; a notice longer) */
                                    text: string;
                                    /**
                                     * @description FALLBACK when the AI could not write it; SYSTEM for the service’s own notices
                                     * @enum {string}
                                     */
                                    source: "AI" | "FALLBACK" | "SYSTEM";
                                    /**
                                     * Format: date-time
                                     * @description When it arrived in the inbox (after quiet hours, if it waited), ISO 8601
                                     */
                                    deliveredAt: string;
                                    read: boolean;
                                    readAt: string | null;
                                }[];
                                /** @description Unread messages in the whole inbox */
                                unreadCount: number;
                                /** @description Opaque; pass as `cursor` for the next page; null on the last page */
                                nextCursor: string | null;
                            };
                            /** @description With UNAVAILABLE: UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE, or the service’s own problem code (e.g. ACCOUNT_NOT_FOUND) */
                            code?: string;
                            /** @description With UNAVAILABLE: for people */
                            detail?: string;
                        };
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    goalServiceInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        version: string;
                        /** @description Newest migration applied to the service schema */
                        schemaVersion: number | null;
                        /**
                         * Format: date-time
                         * @description Server time, ISO 8601
                         */
                        time: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMissionCatalogue: {
        parameters: {
            query?: {
                /** @example exercise */
                category?: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalogue, grouped by category */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        missions: {
                            id: string;
                            title: string;
                            description: string;
                            /** @enum {string} */
                            category: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
                            /** @enum {string} */
                            difficulty: "easy" | "medium" | "hard";
                            minutes: number;
                            benefit: string;
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    chooseMissions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    missionIds: (("cat-ex-lunch-walk" | "cat-ex-stretch" | "cat-ex-stairs" | "cat-ex-brisk-walk" | "cat-ex-squats" | "cat-di-water" | "cat-di-no-sugary-drinks" | "cat-di-vegetables" | "cat-di-low-salt" | "cat-di-no-late-snack" | "cat-sl-screen-off" | "cat-sl-wind-down" | "cat-sl-no-caffeine" | "cat-sl-fixed-bedtime" | "cat-sl-seven-hours" | "cat-st-breathing" | "cat-st-gratitude" | "cat-st-sunlight" | "cat-st-meditation" | "cat-st-offline-hour" | "cat-li-posture" | "cat-li-weigh-in" | "cat-li-bp-check" | "cat-li-no-alcohol" | "cat-li-no-smoking") | string)[];
                };
            };
        };
        responses: {
            /** @description The active set; `changed` is false when exactly these missions were already active */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        goalSetId: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD (Asia/Seoul)
                         */
                        startedOn: string;
                        replacedGoalSetId: string | null;
                        /** @description False when exactly these missions were already active */
                        changed: boolean;
                        missions: {
                            missionId: string;
                            title: string;
                            description: string;
                            /** @enum {string} */
                            category: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
                            /** @enum {string} */
                            difficulty: "easy" | "medium" | "hard";
                            minutes: number;
                            benefit: string;
                            /** @enum {string} */
                            source: "CATALOGUE" | "RECOMMENDATION";
                            recommendationSetId: string | null;
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An id is not in the catalogue and the AI recommendations cannot be read right now. Codes: `INTELLIGENCE_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTodayMissions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Today’s view; no missions before the first choice */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description YYYY-MM-DD (Asia/Seoul)
                         */
                        date: string;
                        /** @constant */
                        timeZone: "Asia/Seoul";
                        goalSetId: string | null;
                        startedOn: string | null;
                        missions: {
                            missionId: string;
                            title: string;
                            description: string;
                            /** @enum {string} */
                            category: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
                            /** @enum {string} */
                            difficulty: "easy" | "medium" | "hard";
                            minutes: number;
                            benefit: string;
                            /** @enum {string} */
                            source: "CATALOGUE" | "RECOMMENDATION";
                            recommendationSetId: string | null;
                            doneToday: boolean;
                            doneYesterday: boolean;
                            currentStreak: number;
                            bestStreak: number;
                        }[];
                        completedCount: number;
                        totalCount: number;
                        /** @description Percent with one decimal; null when nothing was scheduled */
                        completionRate: number | null;
                        /** @description Days in a row with every scheduled mission done */
                        overallStreak: number;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completeMission: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A catalogue mission id (cat-…) or the id (UUID) of a mission from your AI recommendations
                 * @example cat-ex-lunch-walk
                 */
                missionId: ("cat-ex-lunch-walk" | "cat-ex-stretch" | "cat-ex-stairs" | "cat-ex-brisk-walk" | "cat-ex-squats" | "cat-di-water" | "cat-di-no-sugary-drinks" | "cat-di-vegetables" | "cat-di-low-salt" | "cat-di-no-late-snack" | "cat-sl-screen-off" | "cat-sl-wind-down" | "cat-sl-no-caffeine" | "cat-sl-fixed-bedtime" | "cat-sl-seven-hours" | "cat-st-breathing" | "cat-st-gratitude" | "cat-st-sunlight" | "cat-st-meditation" | "cat-st-offline-hour" | "cat-li-posture" | "cat-li-weigh-in" | "cat-li-bp-check" | "cat-li-no-alcohol" | "cat-li-no-smoking") | string;
                /**
                 * @description date, a day in Asia/Seoul (YYYY-MM-DD)
                 * @example 2026-12-02
                 */
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The mission’s streak and today’s totals; a celebration when a milestone was reached */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        missionId: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD (Asia/Seoul)
                         */
                        date: string;
                        done: boolean;
                        /** @description False when the day already was in that state */
                        changed: boolean;
                        currentStreak: number;
                        bestStreak: number;
                        today: {
                            completedCount: number;
                            totalCount: number;
                            /** @description Percent with one decimal; null when nothing was scheduled */
                            completionRate: number | null;
                        };
                        /** @description Set when this check-off reached a 3, 7, 21 or 66-day streak */
                        celebration: {
                            /** Format: uuid */
                            id: string;
                            missionId: string;
                            /**
                             * @description Days in a row the streak reached
                             * @enum {integer}
                             */
                            milestone: 3 | 7 | 21 | 66;
                            text: string;
                            /** @enum {string} */
                            source: "AI" | "FALLBACK";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD (Asia/Seoul)
                             */
                            createdOn: string;
                            /** Format: date-time */
                            createdAt: string;
                        } | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not one of your active missions. Codes: `MISSION_NOT_ACTIVE` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    undoMissionCompletion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A catalogue mission id (cat-…) or the id (UUID) of a mission from your AI recommendations
                 * @example cat-ex-lunch-walk
                 */
                missionId: ("cat-ex-lunch-walk" | "cat-ex-stretch" | "cat-ex-stairs" | "cat-ex-brisk-walk" | "cat-ex-squats" | "cat-di-water" | "cat-di-no-sugary-drinks" | "cat-di-vegetables" | "cat-di-low-salt" | "cat-di-no-late-snack" | "cat-sl-screen-off" | "cat-sl-wind-down" | "cat-sl-no-caffeine" | "cat-sl-fixed-bedtime" | "cat-sl-seven-hours" | "cat-st-breathing" | "cat-st-gratitude" | "cat-st-sunlight" | "cat-st-meditation" | "cat-st-offline-hour" | "cat-li-posture" | "cat-li-weigh-in" | "cat-li-bp-check" | "cat-li-no-alcohol" | "cat-li-no-smoking") | string;
                /**
                 * @description date, a day in Asia/Seoul (YYYY-MM-DD)
                 * @example 2026-12-02
                 */
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The mission’s streak and today’s totals after the undo */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        missionId: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD (Asia/Seoul)
                         */
                        date: string;
                        done: boolean;
                        /** @description False when the day already was in that state */
                        changed: boolean;
                        currentStreak: number;
                        bestStreak: number;
                        today: {
                            completedCount: number;
                            totalCount: number;
                            /** @description Percent with one decimal; null when nothing was scheduled */
                            completionRate: number | null;
                        };
                        /** @description Set when this check-off reached a 3, 7, 21 or 66-day streak */
                        celebration: {
                            /** Format: uuid */
                            id: string;
                            missionId: string;
                            /**
                             * @description Days in a row the streak reached
                             * @enum {integer}
                             */
                            milestone: 3 | 7 | 21 | 66;
                            text: string;
                            /** @enum {string} */
                            source: "AI" | "FALLBACK";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD (Asia/Seoul)
                             */
                            createdOn: string;
                            /** Format: date-time */
                            createdAt: string;
                        } | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not one of your active missions. Codes: `MISSION_NOT_ACTIVE` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGoalProgress: {
        parameters: {
            query?: {
                /**
                 * @description First day (default: 29 days before `to`)
                 * @example 2026-11-26
                 */
                from?: string;
                /**
                 * @description Last day (default and at most: today)
                 * @example 2026-12-02
                 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Progress over the period (default: the last 30 days) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        period: {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD (Asia/Seoul)
                             */
                            from: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD (Asia/Seoul)
                             */
                            to: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD (Asia/Seoul)
                             */
                            today: string;
                            /** @constant */
                            timeZone: "Asia/Seoul";
                        };
                        overall: {
                            scheduled: number;
                            completed: number;
                            /** @description Percent with one decimal; null when nothing was scheduled */
                            completionRate: number | null;
                            currentStreak: number;
                            bestStreak: number;
                        };
                        days: {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD (Asia/Seoul)
                             */
                            date: string;
                            scheduled: number;
                            completed: number;
                            /** @description Percent with one decimal; null when nothing was scheduled */
                            completionRate: number | null;
                        }[];
                        weeks: {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD (Asia/Seoul)
                             */
                            weekStart: string;
                            days: number;
                            scheduled: number;
                            completed: number;
                            /** @description Percent with one decimal; null when nothing was scheduled */
                            completionRate: number | null;
                        }[];
                        months: {
                            /** @description YYYY-MM */
                            month: string;
                            days: number;
                            scheduled: number;
                            completed: number;
                            /** @description Percent with one decimal; null when nothing was scheduled */
                            completionRate: number | null;
                        }[];
                        missions: {
                            missionId: string;
                            title: string;
                            /** @enum {string} */
                            category: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
                            /** @enum {string} */
                            difficulty: "easy" | "medium" | "hard";
                            /** @enum {string} */
                            source: "CATALOGUE" | "RECOMMENDATION";
                            active: boolean;
                            scheduledDays: number;
                            completedDays: number;
                            /** @description Percent with one decimal; null when nothing was scheduled */
                            completionRate: number | null;
                            currentStreak: number;
                            bestStreak: number;
                            lastCompletedOn: string | null;
                        }[];
                        chart: {
                            daily: {
                                labels: string[];
                                completionRate: (number | null)[];
                                completed: number[];
                                scheduled: number[];
                            };
                            weekly: {
                                labels: string[];
                                completionRate: (number | null)[];
                            };
                            byMission: {
                                labels: string[];
                                missionIds: string[];
                                completionRate: (number | null)[];
                            };
                        };
                        celebrations: {
                            /** Format: uuid */
                            id: string;
                            missionId: string;
                            /**
                             * @description Days in a row the streak reached
                             * @enum {integer}
                             */
                            milestone: 3 | 7 | 21 | 66;
                            text: string;
                            /** @enum {string} */
                            source: "AI" | "FALLBACK";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD (Asia/Seoul)
                             */
                            createdOn: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        goalSets: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            status: "ACTIVE" | "REPLACED" | "RESET";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD (Asia/Seoul)
                             */
                            startedOn: string;
                            endedOn: string | null;
                            endReason: ("TOO_HARD" | "TOO_EASY" | "NO_TIME" | "NOT_RELEVANT" | "HEALTH_CHANGED" | "OTHER") | null;
                            missions: {
                                missionId: string;
                                title: string;
                                /** @enum {string} */
                                category: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
                            }[];
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resetMissions: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: the same key within 24 hours returns the first answer (with `Idempotent-Replayed: true`) and has no second effect; the same key with a different request is a 422. A new UUID per user action.
                 * @example 3f1c2e0a-8d4b-4c51-9a7e-2b6f0d9e1a55
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    reason: "TOO_HARD" | "TOO_EASY" | "NO_TIME" | "NOT_RELEVANT" | "HEALTH_CHANGED" | "OTHER";
                    /** @description Optional words of the user; stored, never published */
                    note?: string;
                };
            };
        };
        responses: {
            /** @description The set ended; suggestions from the AI recommendations (minus the ended missions) and the catalogue */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        endedGoalSetId: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD (Asia/Seoul)
                         */
                        endedOn: string;
                        /** @enum {string} */
                        reason: "TOO_HARD" | "TOO_EASY" | "NO_TIME" | "NOT_RELEVANT" | "HEALTH_CHANGED" | "OTHER";
                        recommendations: {
                            recommendationSetId: string | null;
                            intelligenceAvailable: boolean;
                            missions: {
                                id: string;
                                title: string;
                                description: string;
                                /** @enum {string} */
                                category: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
                                /** @enum {string} */
                                difficulty: "easy" | "medium" | "hard";
                                minutes: number;
                                benefit: string;
                                /** @enum {string} */
                                source: "CATALOGUE" | "RECOMMENDATION";
                            }[];
                        };
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description There are no active missions. Codes: `NO_ACTIVE_MISSIONS`, `IDEMPOTENCY_KEY_IN_USE` */
            409: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request. Codes: `IDEMPOTENCY_KEY_REUSED` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    healthServiceInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        version: string;
                        /** @description Newest migration applied to the service schema */
                        schemaVersion: number | null;
                        /**
                         * Format: date-time
                         * @description Server time, ISO 8601
                         */
                        time: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startNhisLink: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: the same key within 24 hours returns the first answer (with `Idempotent-Replayed: true`) and has no second effect; the same key with a different request is a 422. A new UUID per user action.
                 * @example 3f1c2e0a-8d4b-4c51-9a7e-2b6f0d9e1a55
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Name as registered with NHIS */
                    name: string;
                    /** Format: date */
                    birthDate: string;
                    phone: string;
                    /**
                     * @description Mobile carrier (MVNOs: their host network); required for PASS
                     * @enum {string}
                     */
                    carrier?: "SKT" | "KT" | "LGU";
                    /**
                     * @description The simple-auth app the user approves in (간편인증)
                     * @enum {string}
                     */
                    provider: "KAKAO" | "PAYCO" | "SAMSUNG_PASS" | "KB" | "PASS" | "NAVER" | "SHINHAN" | "TOSS";
                };
            };
        };
        responses: {
            /** @description Waiting for the user’s approval (PENDING_APPROVAL) */
            201: {
                headers: {
                    /** @description The link, e.g. `/api/health/nhis/links/{id}` */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        state: "PENDING_APPROVAL" | "IMPORTED" | "EXPIRED" | "DENIED" | "FAILED";
                        /** @description Why a closed link imported nothing: APPROVAL_WINDOW_PASSED, APPROVAL_NOT_COMPLETED, USER_DENIED, SESSION_UNKNOWN, PROVIDER_ERROR, IMPORT_FAILED */
                        reason: ("APPROVAL_WINDOW_PASSED" | "APPROVAL_NOT_COMPLETED" | "USER_DENIED" | "SESSION_UNKNOWN" | "PROVIDER_ERROR" | "IMPORT_FAILED") | null;
                        /** @enum {string} */
                        provider: "KAKAO" | "PAYCO" | "SAMSUNG_PASS" | "KB" | "PASS" | "NAVER" | "SHINHAN" | "TOSS";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        expiresAt: string;
                        closedAt: string | null;
                        imported: {
                            newCheckups: number;
                            alreadyImported: number;
                            checkupIds: string[];
                        } | null;
                    };
                };
            };
            /** @description The input is not valid, or NHIS refused one of its values. Codes: `VALIDATION_FAILED`, `NON_CANONICAL_PATH`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The name or birth date is not the one on the user’s profile, or the user has not consented to the collection of health information (HEALTH_DATA); nothing is sent to NHIS. Codes: `NHIS_IDENTITY_MISMATCH`, `CONSENT_REQUIRED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The profile’s name and birth date are not known yet. Codes: `PROFILE_INCOMPLETE`, `IDEMPOTENCY_KEY_IN_USE` */
            409: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request. Codes: `IDEMPOTENCY_KEY_REUSED` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many link attempts this hour; Retry-After says when one is free again. Codes: `LINK_ATTEMPTS_EXCEEDED`, `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description NHIS is unreachable or refused the request, or the consents could not be checked; Retry-After says when to try again. Codes: `NHIS_UNAVAILABLE`, `NHIS_REQUEST_FAILED`, `CONSENT_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNhisLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The link */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        state: "PENDING_APPROVAL" | "IMPORTED" | "EXPIRED" | "DENIED" | "FAILED";
                        /** @description Why a closed link imported nothing: APPROVAL_WINDOW_PASSED, APPROVAL_NOT_COMPLETED, USER_DENIED, SESSION_UNKNOWN, PROVIDER_ERROR, IMPORT_FAILED */
                        reason: ("APPROVAL_WINDOW_PASSED" | "APPROVAL_NOT_COMPLETED" | "USER_DENIED" | "SESSION_UNKNOWN" | "PROVIDER_ERROR" | "IMPORT_FAILED") | null;
                        /** @enum {string} */
                        provider: "KAKAO" | "PAYCO" | "SAMSUNG_PASS" | "KB" | "PASS" | "NAVER" | "SHINHAN" | "TOSS";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        expiresAt: string;
                        closedAt: string | null;
                        imported: {
                            newCheckups: number;
                            alreadyImported: number;
                            checkupIds: string[];
                        } | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such link of this user. Codes: `LINK_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completeNhisLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The link after completing: IMPORTED, or closed as EXPIRED, DENIED or FAILED */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        state: "PENDING_APPROVAL" | "IMPORTED" | "EXPIRED" | "DENIED" | "FAILED";
                        /** @description Why a closed link imported nothing: APPROVAL_WINDOW_PASSED, APPROVAL_NOT_COMPLETED, USER_DENIED, SESSION_UNKNOWN, PROVIDER_ERROR, IMPORT_FAILED */
                        reason: ("APPROVAL_WINDOW_PASSED" | "APPROVAL_NOT_COMPLETED" | "USER_DENIED" | "SESSION_UNKNOWN" | "PROVIDER_ERROR" | "IMPORT_FAILED") | null;
                        /** @enum {string} */
                        provider: "KAKAO" | "PAYCO" | "SAMSUNG_PASS" | "KB" | "PASS" | "NAVER" | "SHINHAN" | "TOSS";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        expiresAt: string;
                        closedAt: string | null;
                        imported: {
                            newCheckups: number;
                            alreadyImported: number;
                            checkupIds: string[];
                        } | null;
                    };
                };
            };
            /** @description Not approved on the phone yet; approve, then complete again */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        state: "PENDING_APPROVAL" | "IMPORTED" | "EXPIRED" | "DENIED" | "FAILED";
                        /** @description Why a closed link imported nothing: APPROVAL_WINDOW_PASSED, APPROVAL_NOT_COMPLETED, USER_DENIED, SESSION_UNKNOWN, PROVIDER_ERROR, IMPORT_FAILED */
                        reason: ("APPROVAL_WINDOW_PASSED" | "APPROVAL_NOT_COMPLETED" | "USER_DENIED" | "SESSION_UNKNOWN" | "PROVIDER_ERROR" | "IMPORT_FAILED") | null;
                        /** @enum {string} */
                        provider: "KAKAO" | "PAYCO" | "SAMSUNG_PASS" | "KB" | "PASS" | "NAVER" | "SHINHAN" | "TOSS";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        expiresAt: string;
                        closedAt: string | null;
                        imported: {
                            newCheckups: number;
                            alreadyImported: number;
                            checkupIds: string[];
                        } | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user has not given (or withdrew) a consent this needs (HEALTH_DATA); `consents` names the missing ones. Codes: `CONSENT_REQUIRED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such link of this user. Codes: `LINK_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another request is completing this link right now. Codes: `LINK_BUSY` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description NHIS is unreachable (the link stays pending until its window passes), or the consents could not be checked. Codes: `NHIS_UNAVAILABLE`, `CONSENT_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCheckups: {
        parameters: {
            query?: {
                /**
                 * @description Checkups per page
                 * @example 10
                 */
                limit?: number;
                /** @description Opaque cursor: `nextCursor` of the previous page, passed back unchanged; a forged one is answered 400 VALIDATION_FAILED */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of checkups */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            examYear: number;
                            examDate: string | null;
                            checkupType: string | null;
                            organizationName: string | null;
                            reportedJudgement: string | null;
                            /** @description The printed overall judgement (종합판정) explained; null when none was printed */
                            overallJudgement: {
                                /** @description As NHIS printed it, e.g. 정A, 고∙당, 유질 */
                                printed: string;
                                /** @description null when the abbreviation has no known meaning */
                                category: ("NORMAL_A" | "NORMAL_B" | "GENERAL_DISEASE_SUSPECTED" | "HYPERTENSION_DIABETES_SUSPECTED" | "UNDER_TREATMENT") | null;
                                /** @description The category in words, e.g. 고혈압·당뇨병 질환의심; the printed text when unknown */
                                label: string;
                                /** @description What it means for the user, in one or two sentences */
                                description: string;
                            } | null;
                            hasDocument: boolean;
                            /** Format: date-time */
                            importedAt: string;
                            summary: {
                                /** @description Items per grade; NOT_APPLICABLE items are not counted */
                                counts: {
                                    [key: string]: number;
                                };
                                /**
                                 * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                 * @enum {string}
                                 */
                                worstGrade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                flagged: {
                                    item: string;
                                    name: string;
                                    /**
                                     * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                     * @enum {string}
                                     */
                                    grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                    gradeLabel: string;
                                }[];
                            };
                        }[];
                        /** @description Checkups in the whole history */
                        total: number;
                        /** @description Opaque; pass as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The read could not be recorded in the access audit, so nothing is shown. Codes: `ACCESS_LOG_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLatestCheckup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The judged latest checkup */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        checkupId: string;
                        examYear: number;
                        examDate: string | null;
                        checkupType: string | null;
                        organizationName: string | null;
                        reportedJudgement: string | null;
                        /** @description The printed overall judgement (종합판정) explained; null when none was printed */
                        overallJudgement: {
                            /** @description As NHIS printed it, e.g. 정A, 고∙당, 유질 */
                            printed: string;
                            /** @description null when the abbreviation has no known meaning */
                            category: ("NORMAL_A" | "NORMAL_B" | "GENERAL_DISEASE_SUSPECTED" | "HYPERTENSION_DIABETES_SUSPECTED" | "UNDER_TREATMENT") | null;
                            /** @description The category in words, e.g. 고혈압·당뇨병 질환의심; the printed text when unknown */
                            label: string;
                            /** @description What it means for the user, in one or two sentences */
                            description: string;
                        } | null;
                        hasDocument: boolean;
                        criteria: string;
                        person: {
                            sex: ("M" | "F") | null;
                            ageAtExam: number | null;
                            missingFacts: ("SEX" | "BIRTH_DATE")[];
                        };
                        items: {
                            /** @description BMI, WAIST, BLOOD_PRESSURE, FASTING_GLUCOSE, … BONE_DENSITY */
                            item: string;
                            name: string;
                            /** @description null when not tested */
                            value: number | string | null;
                            unit: string;
                            /**
                             * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                             * @enum {string}
                             */
                            grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                            gradeLabel: string;
                            /** @description The criteria that applied to this person */
                            appliedRange: {
                                normalA: string;
                                normalB: string | null;
                                suspected: string;
                                notClassified?: string;
                            };
                            /** @description NHIS’s own printed reference for the item, from the import */
                            providerRange?: {
                                unit: string | null;
                                normalA: string | null;
                                normalB: string | null;
                                suspected: string | null;
                            };
                            computed?: boolean;
                            /** @enum {string} */
                            method?: "BMI_FROM_HEIGHT_WEIGHT" | "CKD_EPI_2021";
                            /** @description Band sub-label (저체중), plain note on a value outside the graded range (기준보다 높음, 의사와 상의), or why an item was not applicable */
                            note?: string;
                            /** @description Present when the sheet printed a bound (">90", "<5"): value is then the printed text, judged by the bound */
                            censored?: {
                                /** @enum {string} */
                                comparator: ">" | "≥" | "<" | "≤";
                                bound: number;
                            };
                            components?: {
                                part: string;
                                value: number | string | null;
                                /**
                                 * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                 * @enum {string}
                                 */
                                grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                            }[];
                            missingFacts?: ("SEX" | "BIRTH_DATE")[];
                        }[];
                        summary: {
                            /** @description Items per grade; NOT_APPLICABLE items are not counted */
                            counts: {
                                [key: string]: number;
                            };
                            flagged: {
                                item: string;
                                name: string;
                                /**
                                 * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                 * @enum {string}
                                 */
                                grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                gradeLabel: string;
                                value: number | string | null;
                                unit: string;
                            }[];
                            /**
                             * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                             * @enum {string}
                             */
                            worstGrade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                            /** @description Measured values the notice does not grade (e.g. haemoglobin above the 정상A range), each with a plain note */
                            outsideCriteria: {
                                item: string;
                                name: string;
                                value: number | string;
                                unit: string;
                                note: string;
                            }[];
                        };
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Nothing imported yet. Codes: `NO_CHECKUPS` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The read could not be recorded in the access audit, so nothing is shown. Codes: `ACCESS_LOG_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCheckup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 8c1d2e3f-4a5b-4c6d-9e7f-a1b2c3d4e5f6 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The checkup */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        source: string;
                        examYear: number;
                        examDate: string | null;
                        checkupType: string | null;
                        organizationName: string | null;
                        reportedJudgement: string | null;
                        /** @description The printed overall judgement (종합판정) explained; null when none was printed */
                        overallJudgement: {
                            /** @description As NHIS printed it, e.g. 정A, 고∙당, 유질 */
                            printed: string;
                            /** @description null when the abbreviation has no known meaning */
                            category: ("NORMAL_A" | "NORMAL_B" | "GENERAL_DISEASE_SUSPECTED" | "HYPERTENSION_DIABETES_SUSPECTED" | "UNDER_TREATMENT") | null;
                            /** @description The category in words, e.g. 고혈압·당뇨병 질환의심; the printed text when unknown */
                            label: string;
                            /** @description What it means for the user, in one or two sentences */
                            description: string;
                        } | null;
                        opinion: string | null;
                        hasDocument: boolean;
                        /** Format: date-time */
                        importedAt: string;
                        /** @description Every canonical field that was measured (absent = not tested) */
                        values: {
                            [key: string]: unknown;
                        };
                        units: {
                            [key: string]: string;
                        };
                        rejectedValues: {
                            field: string;
                            raw: string | number;
                            reason: string;
                        }[];
                        judged: {
                            criteria: string;
                            person: {
                                sex: ("M" | "F") | null;
                                ageAtExam: number | null;
                                missingFacts: ("SEX" | "BIRTH_DATE")[];
                            };
                            items: {
                                /** @description BMI, WAIST, BLOOD_PRESSURE, FASTING_GLUCOSE, … BONE_DENSITY */
                                item: string;
                                name: string;
                                /** @description null when not tested */
                                value: number | string | null;
                                unit: string;
                                /**
                                 * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                 * @enum {string}
                                 */
                                grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                gradeLabel: string;
                                /** @description The criteria that applied to this person */
                                appliedRange: {
                                    normalA: string;
                                    normalB: string | null;
                                    suspected: string;
                                    notClassified?: string;
                                };
                                /** @description NHIS’s own printed reference for the item, from the import */
                                providerRange?: {
                                    unit: string | null;
                                    normalA: string | null;
                                    normalB: string | null;
                                    suspected: string | null;
                                };
                                computed?: boolean;
                                /** @enum {string} */
                                method?: "BMI_FROM_HEIGHT_WEIGHT" | "CKD_EPI_2021";
                                /** @description Band sub-label (저체중), plain note on a value outside the graded range (기준보다 높음, 의사와 상의), or why an item was not applicable */
                                note?: string;
                                /** @description Present when the sheet printed a bound (">90", "<5"): value is then the printed text, judged by the bound */
                                censored?: {
                                    /** @enum {string} */
                                    comparator: ">" | "≥" | "<" | "≤";
                                    bound: number;
                                };
                                components?: {
                                    part: string;
                                    value: number | string | null;
                                    /**
                                     * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                     * @enum {string}
                                     */
                                    grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                }[];
                                missingFacts?: ("SEX" | "BIRTH_DATE")[];
                            }[];
                            summary: {
                                /** @description Items per grade; NOT_APPLICABLE items are not counted */
                                counts: {
                                    [key: string]: number;
                                };
                                flagged: {
                                    item: string;
                                    name: string;
                                    /**
                                     * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                     * @enum {string}
                                     */
                                    grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                    gradeLabel: string;
                                    value: number | string | null;
                                    unit: string;
                                }[];
                                /**
                                 * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                 * @enum {string}
                                 */
                                worstGrade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                /** @description Measured values the notice does not grade (e.g. haemoglobin above the 정상A range), each with a plain note */
                                outsideCriteria: {
                                    item: string;
                                    name: string;
                                    value: number | string;
                                    unit: string;
                                    note: string;
                                }[];
                            };
                        };
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such checkup of this user. Codes: `CHECKUP_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The read could not be recorded in the access audit, so nothing is shown. Codes: `ACCESS_LOG_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCheckupDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 8c1d2e3f-4a5b-4c6d-9e7f-a1b2c3d4e5f6 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF as NHIS sent it (`Cache-Control: private, no-store`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such checkup, or NHIS sent no sheet for it. Codes: `CHECKUP_NOT_FOUND`, `DOCUMENT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stored documents cannot be reached right now (checkups still can), or the read could not be recorded in the access audit; retry after Retry-After seconds. Codes: `DOCUMENTS_UNAVAILABLE`, `ACCESS_LOG_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTrends: {
        parameters: {
            query?: {
                /**
                 * @description Items to chart, comma-separated (default bmi,sbp,dbp,fasting_glucose); an unknown item is answered 400 VALIDATION_FAILED
                 * @example [
                 *       "bmi",
                 *       "sbp"
                 *     ]
                 */
                items?: ("height" | "weight" | "bmi" | "waist" | "sbp" | "dbp" | "fasting_glucose" | "total_cholesterol" | "hdl" | "ldl" | "triglycerides" | "hemoglobin" | "ast" | "alt" | "ggt" | "creatinine" | "egfr")[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One series per item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        criteria: string;
                        sex: ("M" | "F") | null;
                        checkups: number;
                        series: {
                            /** @enum {string} */
                            item: "height" | "weight" | "bmi" | "waist" | "sbp" | "dbp" | "fasting_glucose" | "total_cholesterol" | "hdl" | "ldl" | "triglycerides" | "hemoglobin" | "ast" | "alt" | "ggt" | "creatinine" | "egfr";
                            name: string;
                            unit: string;
                            bands: {
                                /**
                                 * @description NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)
                                 * @enum {string}
                                 */
                                grade: "NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE";
                                from: number | null;
                                fromInclusive: boolean;
                                to: number | null;
                                toInclusive: boolean;
                                note?: string;
                            }[] | null;
                            missingFacts?: ("SEX" | "BIRTH_DATE")[];
                            points: {
                                /** Format: uuid */
                                checkupId: string;
                                examYear: number;
                                examDate: string | null;
                                value: number;
                                grade: ("NORMAL_A" | "NORMAL_B" | "SUSPECTED_DISEASE" | "NOT_CLASSIFIED" | "NOT_TESTED" | "NOT_APPLICABLE") | null;
                                computed?: boolean;
                            }[];
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The read could not be recorded in the access audit, so nothing is shown. Codes: `ACCESS_LOG_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyAccessLog: {
        parameters: {
            query?: {
                /**
                 * @description Entries per page
                 * @example 20
                 */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            accessedAt: string;
                            accessor: {
                                /** @enum {string} */
                                kind: "USER" | "SERVICE" | "OPERATOR";
                                /** @description USER: the user’s own id; SERVICE: the app that read it (e.g. intelligence); OPERATOR: the operator */
                                id: string;
                            };
                            /** @enum {string} */
                            resource: "CHECKUP_LIST" | "CHECKUP" | "CHECKUP_DOCUMENT" | "LATEST_CHECKUP" | "TRENDS" | "LATEST_JUDGED";
                            /** @description The checkup read, when one was */
                            resourceId: string | null;
                            /** @enum {string} */
                            purpose: "USER_VIEW" | "AI_READING" | "AI_RECOMMENDATIONS" | "AI_CHAT" | "EXPORT";
                            /** @description The entry as a Korean sentence for the app */
                            description: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyDataExports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A handful at most (not paged) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            exportId: string;
                            /**
                             * @description pending (being built), ready (download it), failed (see failure), expired (request a new one)
                             * @enum {string}
                             */
                            status: "pending" | "ready" | "failed" | "expired";
                            /** Format: date-time */
                            createdAt: string;
                            readyAt: string | null;
                            /** @description Until when the ZIP can be downloaded (ready), or until when a failed export is listed */
                            expiresAt: string | null;
                            /** @description Bytes of the ZIP (ready only) */
                            size: number | null;
                            /** @description The download, with your access token, while ready */
                            downloadUrl: string | null;
                            /** @description Why it failed (failed only) */
                            failure: string | null;
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestMyDataExport: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: the same key within 24 hours returns the first answer (with `Idempotent-Replayed: true`) and has no second effect; the same key with a different request is a 422. A new UUID per user action.
                 * @example 3f1c2e0a-8d4b-4c51-9a7e-2b6f0d9e1a55
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, pending (or the one already being built) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        exportId: string;
                        /**
                         * @description pending (being built), ready (download it), failed (see failure), expired (request a new one)
                         * @enum {string}
                         */
                        status: "pending" | "ready" | "failed" | "expired";
                        /** Format: date-time */
                        createdAt: string;
                        readyAt: string | null;
                        /** @description Until when the ZIP can be downloaded (ready), or until when a failed export is listed */
                        expiresAt: string | null;
                        /** @description Bytes of the ZIP (ready only) */
                        size: number | null;
                        /** @description The download, with your access token, while ready */
                        downloadUrl: string | null;
                        /** @description Why it failed (failed only) */
                        failure: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still being processed; retry after Retry-After seconds. Codes: `IDEMPOTENCY_KEY_IN_USE` */
            409: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request. Codes: `IDEMPOTENCY_KEY_REUSED` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many exports in the last 24 hours; `Retry-After` says when the next may start. Codes: `EXPORT_LIMIT_REACHED`, `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until another export may start */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyDataExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9b2f6c1e-4a7d-4e3b-8f10-5c6d7e8f9a0b */
                exportId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        exportId: string;
                        /**
                         * @description pending (being built), ready (download it), failed (see failure), expired (request a new one)
                         * @enum {string}
                         */
                        status: "pending" | "ready" | "failed" | "expired";
                        /** Format: date-time */
                        createdAt: string;
                        readyAt: string | null;
                        /** @description Until when the ZIP can be downloaded (ready), or until when a failed export is listed */
                        expiresAt: string | null;
                        /** @description Bytes of the ZIP (ready only) */
                        size: number | null;
                        /** @description The download, with your access token, while ready */
                        downloadUrl: string | null;
                        /** @description Why it failed (failed only) */
                        failure: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such export of yours (another user’s id is not found either). Codes: `EXPORT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadMyDataExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9b2f6c1e-4a7d-4e3b-8f10-5c6d7e8f9a0b */
                exportId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ZIP (`Cache-Control: private, no-store`): README.txt, manifest.json, one JSON file per area, health/documents/ */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such export of yours (another user’s id is not found either). Codes: `EXPORT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Still being built, or failed. Codes: `EXPORT_NOT_READY` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Expired: its file is gone; request a new export. Codes: `EXPORT_EXPIRED` */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stored files cannot be reached right now; retry after Retry-After seconds. Codes: `DOCUMENTS_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    intelligenceServiceInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        version: string;
                        /** @description Newest migration applied to the service schema */
                        schemaVersion: number | null;
                        /**
                         * Format: date-time
                         * @description Server time, ISO 8601
                         */
                        time: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDiagnosis: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reading; `source` says whether the AI or the rule-based fallback wrote it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        examDate: string | null;
                        lines: {
                            /** @enum {string} */
                            kind: "OVERALL" | "MAIN_RISK" | "OCCUPATION";
                            text: string;
                            /** @description The checkup items (health item codes) this line is about */
                            itemCodes: string[];
                        }[];
                        healthScore: number;
                        /** @enum {string} */
                        riskLevel: "LOW" | "MEDIUM" | "HIGH";
                        /** @enum {string} */
                        riskLevelLabel: "낮음" | "보통" | "높음";
                        /**
                         * @description Whether the model wrote the answer (AI) or the rules did (FALLBACK)
                         * @enum {string}
                         */
                        source: "AI" | "FALLBACK";
                        /** @description Why the answer is a fallback; null for AI answers */
                        fallbackReason: ("INVALID_OUTPUT" | "UNGROUNDED_NUMBER" | "DAILY_TOKEN_BUDGET_EXCEEDED" | "TOKEN_BUDGET_UNAVAILABLE" | "CIRCUIT_OPEN" | "AI_TIMEOUT" | "AI_RATE_LIMITED" | "AI_OVERLOADED" | "AI_UNAVAILABLE" | "AI_STREAM_INTERRUPTED" | "NO_JUDGED_ITEMS" | "AI_BATCH_ERRORED" | "AI_BATCH_EXPIRED" | "AI_BATCH_CANCELED") | null;
                        cached: boolean;
                        promptVersion: string;
                        /** Format: date-time */
                        generatedAt: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user has not given (or withdrew) a consent this needs (HEALTH_DATA, AI_OVERSEAS_TRANSFER); `consents` names the missing ones. Codes: `CONSENT_REQUIRED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No checkup has been imported yet. Codes: `CHECKUP_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The health record or the consents are unavailable right now; Retry-After says when to retry. Codes: `HEALTH_DATA_UNAVAILABLE`, `CONSENT_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recommendMissions: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: the same key within 24 hours returns the first answer (with `Idempotent-Replayed: true`) and has no second effect; the same key with a different request is a 422. A new UUID per user action.
                 * @example 3f1c2e0a-8d4b-4c51-9a7e-2b6f0d9e1a55
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recommendation set, stored with mission ids for goal selection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        recommendationSetId: string;
                        reason: string;
                        missions: {
                            /** Format: uuid */
                            id: string;
                            title: string;
                            description: string;
                            /** @enum {string} */
                            category: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
                            /** @enum {string} */
                            difficulty: "easy" | "medium" | "hard";
                            minutes: number;
                            benefit: string;
                            occupationFit: string;
                            /** @description Codes of the flagged checkup items the mission targets */
                            targetItems: string[];
                        }[];
                        /**
                         * @description Whether the model wrote the answer (AI) or the rules did (FALLBACK)
                         * @enum {string}
                         */
                        source: "AI" | "FALLBACK";
                        /** @description Why the answer is a fallback; null for AI answers */
                        fallbackReason: ("INVALID_OUTPUT" | "UNGROUNDED_NUMBER" | "DAILY_TOKEN_BUDGET_EXCEEDED" | "TOKEN_BUDGET_UNAVAILABLE" | "CIRCUIT_OPEN" | "AI_TIMEOUT" | "AI_RATE_LIMITED" | "AI_OVERLOADED" | "AI_UNAVAILABLE" | "AI_STREAM_INTERRUPTED" | "NO_JUDGED_ITEMS" | "AI_BATCH_ERRORED" | "AI_BATCH_EXPIRED" | "AI_BATCH_CANCELED") | null;
                        cached: boolean;
                        promptVersion: string;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user has not given (or withdrew) a consent this needs (HEALTH_DATA, AI_OVERSEAS_TRANSFER); `consents` names the missing ones. Codes: `CONSENT_REQUIRED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still being processed; retry after Retry-After seconds. Codes: `IDEMPOTENCY_KEY_IN_USE` */
            409: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request. Codes: `IDEMPOTENCY_KEY_REUSED` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The health record or the consents are unavailable right now; Retry-After says when to retry. Codes: `HEALTH_DATA_UNAVAILABLE`, `CONSENT_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCurrentRecommendations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        recommendationSetId: string;
                        reason: string;
                        missions: {
                            /** Format: uuid */
                            id: string;
                            title: string;
                            description: string;
                            /** @enum {string} */
                            category: "exercise" | "diet" | "sleep" | "stress" | "lifestyle";
                            /** @enum {string} */
                            difficulty: "easy" | "medium" | "hard";
                            minutes: number;
                            benefit: string;
                            occupationFit: string;
                            /** @description Codes of the flagged checkup items the mission targets */
                            targetItems: string[];
                        }[];
                        /**
                         * @description Whether the model wrote the answer (AI) or the rules did (FALLBACK)
                         * @enum {string}
                         */
                        source: "AI" | "FALLBACK";
                        /** @description Why the answer is a fallback; null for AI answers */
                        fallbackReason: ("INVALID_OUTPUT" | "UNGROUNDED_NUMBER" | "DAILY_TOKEN_BUDGET_EXCEEDED" | "TOKEN_BUDGET_UNAVAILABLE" | "CIRCUIT_OPEN" | "AI_TIMEOUT" | "AI_RATE_LIMITED" | "AI_OVERLOADED" | "AI_UNAVAILABLE" | "AI_STREAM_INTERRUPTED" | "NO_JUDGED_ITEMS" | "AI_BATCH_ERRORED" | "AI_BATCH_EXPIRED" | "AI_BATCH_CANCELED") | null;
                        cached: boolean;
                        promptVersion: string;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Nothing recommended yet. Codes: `RECOMMENDATIONS_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChats: {
        parameters: {
            query?: {
                /** @example 20 */
                limit?: number;
                /** @description Opaque cursor: `nextCursor` of the previous page, passed back unchanged; a forged one is answered 400 VALIDATION_FAILED */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sessions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @description The start of the first message */
                            title: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            lastMessageAt: string | null;
                        }[];
                        /** @description Opaque; pass as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openChat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new session */
            201: {
                headers: {
                    /** @description The session, `/api/intelligence/chats/{id}` */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description The start of the first message */
                        title: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        lastMessageAt: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getChat: {
        parameters: {
            query?: {
                /**
                 * @description Messages per page (newest page first)
                 * @example 20
                 */
                limit?: number;
                /** @description Opaque cursor: `nextCursor` of the previous page, passed back unchanged; a cursor this API did not return is answered 400 VALIDATION_FAILED */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @example c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session and a page of its history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description The start of the first message */
                        title: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        lastMessageAt: string | null;
                        /** @description Oldest first within the page */
                        messages: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            source: ("AI" | "FALLBACK") | null;
                            /** @description Why the answer is a fallback; null for AI answers */
                            fallbackReason: ("INVALID_OUTPUT" | "UNGROUNDED_NUMBER" | "DAILY_TOKEN_BUDGET_EXCEEDED" | "TOKEN_BUDGET_UNAVAILABLE" | "CIRCUIT_OPEN" | "AI_TIMEOUT" | "AI_RATE_LIMITED" | "AI_OVERLOADED" | "AI_UNAVAILABLE" | "AI_STREAM_INTERRUPTED" | "NO_JUDGED_ITEMS" | "AI_BATCH_ERRORED" | "AI_BATCH_EXPIRED" | "AI_BATCH_CANCELED") | null;
                            emergency: ("CARDIAC" | "STROKE" | "SELF_HARM") | null;
                            suggestedQuestions: string[] | null;
                        }[];
                        totalMessages: number;
                        /** @description Opaque; pass as `cursor` for older messages; null on the oldest page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such chat of this user. Codes: `CHAT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteChat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such chat of this user. Codes: `CHAT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    askInChat: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: the same key within 24 hours returns the first answer (with `Idempotent-Replayed: true`) and has no second effect; the same key with a different request is a 422. A new UUID per user action.
                 * @example 3f1c2e0a-8d4b-4c51-9a7e-2b6f0d9e1a55
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @example c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The question, at most 1000 characters (Unicode code points); blank after trimming is answered 400 */
                    message: string;
                };
            };
        };
        responses: {
            /** @description Server-sent events, when the request says `Accept: text/event-stream`: `meta` {sessionId, userMessageId, emergency, context}; `token` {index, text}, in order (emergency guidance first when there is any); `error` {code, detail} if the answer broke off, or with code `UNGROUNDED_NUMBER` when a sentence stated a number about the user that is not in their record (that sentence is never sent; the answer is written again); `done` {reply, suggestedQuestions, source, fallbackReason, emergency, numbersRemoved}: `reply.content` is always the whole answer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The stored question and answer (without Accept: text/event-stream) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        sessionId: string;
                        userMessage: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            source: ("AI" | "FALLBACK") | null;
                            /** @description Why the answer is a fallback; null for AI answers */
                            fallbackReason: ("INVALID_OUTPUT" | "UNGROUNDED_NUMBER" | "DAILY_TOKEN_BUDGET_EXCEEDED" | "TOKEN_BUDGET_UNAVAILABLE" | "CIRCUIT_OPEN" | "AI_TIMEOUT" | "AI_RATE_LIMITED" | "AI_OVERLOADED" | "AI_UNAVAILABLE" | "AI_STREAM_INTERRUPTED" | "NO_JUDGED_ITEMS" | "AI_BATCH_ERRORED" | "AI_BATCH_EXPIRED" | "AI_BATCH_CANCELED") | null;
                            emergency: ("CARDIAC" | "STROKE" | "SELF_HARM") | null;
                            suggestedQuestions: string[] | null;
                        };
                        reply: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            source: ("AI" | "FALLBACK") | null;
                            /** @description Why the answer is a fallback; null for AI answers */
                            fallbackReason: ("INVALID_OUTPUT" | "UNGROUNDED_NUMBER" | "DAILY_TOKEN_BUDGET_EXCEEDED" | "TOKEN_BUDGET_UNAVAILABLE" | "CIRCUIT_OPEN" | "AI_TIMEOUT" | "AI_RATE_LIMITED" | "AI_OVERLOADED" | "AI_UNAVAILABLE" | "AI_STREAM_INTERRUPTED" | "NO_JUDGED_ITEMS" | "AI_BATCH_ERRORED" | "AI_BATCH_EXPIRED" | "AI_BATCH_CANCELED") | null;
                            emergency: ("CARDIAC" | "STROKE" | "SELF_HARM") | null;
                            suggestedQuestions: string[] | null;
                        };
                        suggestedQuestions: string[];
                        /**
                         * @description Whether the model wrote the answer (AI) or the rules did (FALLBACK)
                         * @enum {string}
                         */
                        source: "AI" | "FALLBACK";
                        /** @description Why the answer is a fallback; null for AI answers */
                        fallbackReason: ("INVALID_OUTPUT" | "UNGROUNDED_NUMBER" | "DAILY_TOKEN_BUDGET_EXCEEDED" | "TOKEN_BUDGET_UNAVAILABLE" | "CIRCUIT_OPEN" | "AI_TIMEOUT" | "AI_RATE_LIMITED" | "AI_OVERLOADED" | "AI_UNAVAILABLE" | "AI_STREAM_INTERRUPTED" | "NO_JUDGED_ITEMS" | "AI_BATCH_ERRORED" | "AI_BATCH_EXPIRED" | "AI_BATCH_CANCELED") | null;
                        /** @description Set when the message described an emergency; the answer then starts with this guidance */
                        emergency: {
                            /** @enum {string} */
                            kind: "CARDIAC" | "STROKE" | "SELF_HARM";
                            guidance: string;
                        } | null;
                        /**
                         * @description Whether the answer could use the user’s checkup
                         * @enum {string}
                         */
                        context: "AVAILABLE" | "NO_CHECKUP" | "UNAVAILABLE";
                        /** @description Numbers the answer stated about the user that are not in their record: asked again once, then removed with their sentences (the answer says so); [] normally */
                        numbersRemoved: string[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user has not given (or withdrew) a consent this needs (HEALTH_DATA, AI_OVERSEAS_TRANSFER); `consents` names the missing ones. Codes: `CONSENT_REQUIRED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such chat of this user. Codes: `CHAT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still being processed; retry after Retry-After seconds. Codes: `IDEMPOTENCY_KEY_IN_USE` */
            409: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request. Codes: `IDEMPOTENCY_KEY_REUSED` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user already has CHAT_MAX_CONCURRENT_STREAMS answers streaming; Retry-After says when to try again. Codes: `CHAT_STREAMS_EXCEEDED`, `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The consents could not be checked; nothing was done. Codes: `CONSENT_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    userServiceInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        version: string;
                        /** @description Newest migration applied to the service schema */
                        schemaVersion: number | null;
                        /**
                         * Format: date-time
                         * @description Server time, ISO 8601
                         */
                        time: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signInWithGoogle: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The ID token from native Google sign-in */
                    idToken: string;
                    /** @description The nonce the app put in the authorization request */
                    nonce?: string;
                } | {
                    code: string;
                    /** @description PKCE verifier (RFC 7636) */
                    codeVerifier: string;
                    redirectUri: string;
                    nonce?: string;
                };
            };
        };
        responses: {
            /** @description Signed in; `user.onboardingRequired` says whether the profile must be completed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description JWT for `Authorization: Bearer`; short-lived */
                        accessToken: string;
                        /** @constant */
                        tokenType: "Bearer";
                        /** @description Seconds until the access token expires */
                        expiresIn: number;
                        /** @description Opaque; exchange at /api/auth/refresh; each use rotates it */
                        refreshToken: string;
                        user: {
                            /** Format: uuid */
                            id: string;
                            email: string | null;
                            name: string | null;
                            picture: string | null;
                            birthDate: string | null;
                            sex: ("M" | "F") | null;
                            occupation: ("OFFICE_WORKER" | "IT_PROFESSIONAL" | "MANUAL_WORKER" | "DRIVER" | "HEALTHCARE_WORKER" | "EDUCATOR" | "SERVICE_WORKER" | "SELF_EMPLOYED" | "STUDENT" | "HOMEMAKER" | "RETIRED" | "OTHER") | null;
                            /** @enum {string} */
                            status: "PENDING" | "ACTIVE";
                            onboardingRequired: boolean;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential could not be verified. Codes: `INVALID_CREDENTIAL` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Google account’s email is not verified. Codes: `EMAIL_NOT_VERIFIED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The identity was linked to another account while this one was being made. Codes: `IDENTITY_LINKED_ELSEWHERE` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The identity provider is unavailable. Codes: `IDENTITY_PROVIDER_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    oauthToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @constant */
                    grant_type: "authorization_code";
                    /** @description The code the OpenID Connect issuer sent to the redirect URI */
                    code: string;
                    /** @description PKCE verifier (RFC 7636) */
                    code_verifier: string;
                    /** @description The redirect URI of the authorization request */
                    redirect_uri: string;
                    /** @description Ignored: the code is redeemed as the configured client */
                    client_id?: string;
                    /** @description The nonce of the authorization request, when it sent one (the ID token must carry it) */
                    nonce?: string;
                } | {
                    /** @constant */
                    grant_type: "refresh_token";
                    refresh_token: string;
                    client_id?: string;
                };
            };
        };
        responses: {
            /** @description HealthSync tokens */
            200: {
                headers: {
                    /** @description `no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A HealthSync access token (JWT) for `Authorization: Bearer` */
                        access_token: string;
                        /** @constant */
                        token_type: "Bearer";
                        expires_in: number;
                        refresh_token: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The code or refresh token was not accepted. Codes: `INVALID_CREDENTIAL`, `INVALID_REFRESH_TOKEN`, `REFRESH_TOKEN_REUSED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Google account’s email is not verified. Codes: `EMAIL_NOT_VERIFIED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The identity provider is unavailable. Codes: `IDENTITY_PROVIDER_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description New tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description JWT for `Authorization: Bearer`; short-lived */
                        accessToken: string;
                        /** @constant */
                        tokenType: "Bearer";
                        /** @description Seconds until the access token expires */
                        expiresIn: number;
                        /** @description Opaque; exchange at /api/auth/refresh; each use rotates it */
                        refreshToken: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown, expired or revoked refresh token; reuse of a used one signs the session out. Codes: `INVALID_REFRESH_TOKEN`, `REFRESH_TOKEN_REUSED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A reused token was detected but the session could not be revoked right now (retry). Codes: `REVOCATION_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The session could not be revoked right now; nothing changed (retry). Codes: `REVOCATION_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accessTokenKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON Web Key Set (RFC 7517) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            /** @constant */
                            kty: "EC";
                            /** @constant */
                            crv: "P-256";
                            x: string;
                            y: string;
                            kid: string;
                            /** @constant */
                            alg: "ES256";
                            /** @constant */
                            use: "sig";
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyAccount: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag of the copy the app holds: 304 Not Modified (no body) while it is current.
                 * @example "m2Zx0n3cQ2m7b1hQk0bqv9dV8pX"
                 */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account */
            200: {
                headers: {
                    /** @description The version of this representation, for If-None-Match and If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string | null;
                        name: string | null;
                        picture: string | null;
                        birthDate: string | null;
                        sex: ("M" | "F") | null;
                        occupation: ("OFFICE_WORKER" | "IT_PROFESSIONAL" | "MANUAL_WORKER" | "DRIVER" | "HEALTHCARE_WORKER" | "EDUCATOR" | "SERVICE_WORKER" | "SELF_EMPLOYED" | "STUDENT" | "HOMEMAKER" | "RETIRED" | "OTHER") | null;
                        /** @enum {string} */
                        status: "PENDING" | "ACTIVE";
                        onboardingRequired: boolean;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description Not modified: the copy named by If-None-Match is current (no body) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account was deleted meanwhile. Codes: `ACCOUNT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMyProfile: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag of the copy the change is based on: if another device changed it since, 412 PRECONDITION_FAILED and nothing changes. Recommended on every write from the app.
                 * @example "m2Zx0n3cQ2m7b1hQk0bqv9dV8pX"
                 */
                "If-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: date */
                    birthDate: string;
                    /** @enum {string} */
                    sex: "M" | "F";
                    /** @enum {string} */
                    occupation: "OFFICE_WORKER" | "IT_PROFESSIONAL" | "MANUAL_WORKER" | "DRIVER" | "HEALTHCARE_WORKER" | "EDUCATOR" | "SERVICE_WORKER" | "SELF_EMPLOYED" | "STUDENT" | "HOMEMAKER" | "RETIRED" | "OTHER";
                };
            };
        };
        responses: {
            /** @description The updated account; ACTIVE once the profile is complete */
            200: {
                headers: {
                    /** @description The version of this representation, for If-None-Match and If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string | null;
                        name: string | null;
                        picture: string | null;
                        birthDate: string | null;
                        sex: ("M" | "F") | null;
                        occupation: ("OFFICE_WORKER" | "IT_PROFESSIONAL" | "MANUAL_WORKER" | "DRIVER" | "HEALTHCARE_WORKER" | "EDUCATOR" | "SERVICE_WORKER" | "SELF_EMPLOYED" | "STUDENT" | "HOMEMAKER" | "RETIRED" | "OTHER") | null;
                        /** @enum {string} */
                        status: "PENDING" | "ACTIVE";
                        onboardingRequired: boolean;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account was deleted meanwhile. Codes: `ACCOUNT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match no longer matches: the resource changed since it was read; nothing was changed. Codes: `PRECONDITION_FAILED` */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMyAccount: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: the same key within 24 hours returns the first answer (with `Idempotent-Replayed: true`) and has no second effect; the same key with a different request is a 422. A new UUID per user action.
                 * @example 3f1c2e0a-8d4b-4c51-9a7e-2b6f0d9e1a55
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; all sessions are signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account was deleted meanwhile. Codes: `ACCOUNT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still being processed; retry after Retry-After seconds. Codes: `IDEMPOTENCY_KEY_IN_USE` */
            409: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request. Codes: `IDEMPOTENCY_KEY_REUSED` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The sessions could not be revoked right now; the account is unchanged (retry). Codes: `REVOCATION_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyIdentities: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The linked identities, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The OpenID Connect issuer, e.g. https://accounts.google.com */
                            issuer: string;
                            /**
                             * Format: date-time
                             * @description When it was linked (for the first identity: when the account was made)
                             */
                            linkedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account was deleted meanwhile. Codes: `ACCOUNT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    linkIdentity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The ID token from the other provider’s native sign-in */
                    idToken: string;
                    /** @description The nonce the app put in that sign-in request */
                    nonce?: string;
                };
            };
        };
        responses: {
            /** @description Linked; the account’s identities */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The OpenID Connect issuer, e.g. https://accounts.google.com */
                            issuer: string;
                            /**
                             * Format: date-time
                             * @description When it was linked (for the first identity: when the account was made)
                             */
                            linkedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The ID token could not be verified. Codes: `INVALID_CREDENTIAL`, `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The provider says the email is not verified. Codes: `EMAIL_NOT_VERIFIED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account was deleted meanwhile. Codes: `ACCOUNT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Linked to another account. Codes: `IDENTITY_LINKED_ELSEWHERE` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The provider cannot be reached. Codes: `IDENTITY_PROVIDER_UNAVAILABLE`, `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyConsents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every consent, granted or not */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consents: {
                            /** @enum {string} */
                            purpose: "HEALTH_DATA" | "AI_OVERSEAS_TRANSFER";
                            granted: boolean;
                            version: string | null;
                            decidedAt: string | null;
                            channel: ("APP" | "WEB") | null;
                            notice: {
                                version: string;
                                summary: string;
                                summaryKo: string;
                            };
                            /** @description What withdrawing the consent destroys (PIPA art. 21, 37): show it before the user confirms */
                            withdrawal: {
                                /** @description What is destroyed; empty when nothing stored depends on the consent */
                                deletes: ("CHECKUPS" | "CHECKUP_DOCUMENTS" | "NHIS_LINKS" | "DATA_EXPORTS" | "AI_READINGS" | "AI_RECOMMENDATIONS")[];
                                summary: string;
                                summaryKo: string;
                            };
                        }[];
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account was deleted meanwhile. Codes: `ACCOUNT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    purpose: "HEALTH_DATA" | "AI_OVERSEAS_TRANSFER";
                    /** @enum {string} */
                    action: "GRANT" | "WITHDRAW";
                    /** @description The notice version shown to the user; required to GRANT (the current one) */
                    version?: string;
                    /**
                     * @description Where the user decided: APP (mobile) or WEB
                     * @enum {string}
                     */
                    channel: "APP" | "WEB";
                };
            };
        };
        responses: {
            /** @description The consents in force after the decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consents: {
                            /** @enum {string} */
                            purpose: "HEALTH_DATA" | "AI_OVERSEAS_TRANSFER";
                            granted: boolean;
                            version: string | null;
                            decidedAt: string | null;
                            channel: ("APP" | "WEB") | null;
                            notice: {
                                version: string;
                                summary: string;
                                summaryKo: string;
                            };
                            /** @description What withdrawing the consent destroys (PIPA art. 21, 37): show it before the user confirms */
                            withdrawal: {
                                /** @description What is destroyed; empty when nothing stored depends on the consent */
                                deletes: ("CHECKUPS" | "CHECKUP_DOCUMENTS" | "NHIS_LINKS" | "DATA_EXPORTS" | "AI_READINGS" | "AI_RECOMMENDATIONS")[];
                                summary: string;
                                summaryKo: string;
                            };
                        }[];
                        /** @description false when the consent was already so: nothing new was recorded */
                        recorded: boolean;
                        /** @description For a withdrawal: what is being destroyed (the services do it at once, in the background); null for a grant */
                        withdrawal: {
                            /** @description What is destroyed; empty when nothing stored depends on the consent */
                            deletes: ("CHECKUPS" | "CHECKUP_DOCUMENTS" | "NHIS_LINKS" | "DATA_EXPORTS" | "AI_READINGS" | "AI_RECOMMENDATIONS")[];
                            summary: string;
                            summaryKo: string;
                        } | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED`, `MALFORMED_JSON` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account was deleted meanwhile. Codes: `ACCOUNT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the limit. Codes: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyConsentHistory: {
        parameters: {
            query?: {
                /**
                 * @description Decisions per page
                 * @example 20
                 */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of decisions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            purpose: "HEALTH_DATA" | "AI_OVERSEAS_TRANSFER";
                            /** @enum {string} */
                            action: "GRANT" | "WITHDRAW";
                            version: string;
                            /** @enum {string} */
                            channel: "APP" | "WEB";
                            /** Format: date-time */
                            recordedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid. Codes: `NON_CANONICAL_PATH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token, a signed-out session, or a deleted account. Codes: `UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `ACCOUNT_DELETED` */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account was deleted meanwhile. Codes: `ACCOUNT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page. Codes: `APP_UPDATE_REQUIRED` */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this client (per user with a token, per address without); wait Retry-After seconds. Codes: `RATE_LIMITED` */
            429: {
                headers: {
                    /** @description Seconds until the limit resets */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service behind this route could not be reached. Codes: `UPSTREAM_UNAVAILABLE` */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Temporarily unavailable; Retry-After says when to try again. Codes: `ROUTES_UNAVAILABLE` */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service did not answer in time. Codes: `UPSTREAM_TIMEOUT` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
