/**
 * oidc-provider 9.13.3 ships no type declarations (and there is no @types package for 9.x), so this file
 * declares only the part of its API the stand-in uses. Values the library hands back that we do not read
 * are `unknown`, never `any`. Extend this file when you use more of the library.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The parts of the Koa context (with oidc-provider's `ctx.oidc`) that our callbacks read or write. */
  export interface KoaContextWithOIDC {
    method: string;
    path: string;
    status: number;
    type: string;
    body: unknown;
    oidc: {
      route?: string;
      params?: Readonly<Record<string, unknown>>;
      client?: { clientId: string };
      session?: { accountId?: string };
    };
  }

  export interface ClaimsSet {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<ClaimsSet> | ClaimsSet;
  }

  export interface ClientMetadata {
    client_id: string;
    /** A confidential client's secret (client_secret_post / client_secret_basic). */
    client_secret?: string;
    application_type?: 'web' | 'native';
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    id_token_signed_response_alg?: string;
    scope?: string;
  }

  /** RFC 7517 JWK as oidc-provider accepts it in `jwks.keys` (private members included). */
  export interface JWK {
    kty: string;
    kid?: string;
    alg?: string;
    use?: string;
    [member: string]: unknown;
  }

  export type CheckResult = boolean;

  export class Check {
    constructor(reason: string, description: string, check: (ctx: KoaContextWithOIDC) => CheckResult | Promise<CheckResult>);
    constructor(reason: string, description: string, error: string, check: (ctx: KoaContextWithOIDC) => CheckResult | Promise<CheckResult>);
    static readonly REQUEST_PROMPT: true;
    static readonly NO_NEED_TO_PROMPT: false;
    readonly reason: string;
  }

  export interface Prompt {
    readonly name: string;
    readonly checks: Check[] & { add(check: Check, index?: number): void; get(reason: string): Check | undefined };
  }

  export type Policy = Prompt[] & { get(name: string): Prompt | undefined };

  export const interactionPolicy: {
    base(): Policy;
    Check: typeof Check;
  };

  type TtlFunction = (ctx: KoaContextWithOIDC, token: unknown, client: unknown) => number;

  export interface Configuration {
    clients?: ClientMetadata[];
    /** The token endpoint authentication methods offered (and listed in discovery). */
    clientAuthMethods?: string[];
    jwks?: { keys: JWK[] };
    cookies?: { keys?: string[] };
    findAccount?: (ctx: KoaContextWithOIDC, sub: string, token?: unknown) => Promise<Account | undefined>;
    claims?: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    scopes?: string[];
    responseTypes?: string[];
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string, client: unknown) => boolean;
    renderError?: (ctx: KoaContextWithOIDC, out: Record<string, string>, error: unknown) => Promise<void> | void;
    interactions?: {
      url?: (ctx: KoaContextWithOIDC, interaction: { uid: string }) => string | Promise<string>;
      policy?: Policy;
    };
    features?: {
      devInteractions?: { enabled: boolean };
      rpInitiatedLogout?: { enabled: boolean };
      userinfo?: { enabled: boolean };
      revocation?: { enabled: boolean };
      introspection?: { enabled: boolean };
      pushedAuthorizationRequests?: { enabled: boolean };
      dPoP?: { enabled: boolean };
    };
    ttl?: Record<string, number | TtlFunction>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId: string; uid?: string };
    returnTo: string;
  }

  export interface InteractionResult {
    login?: { accountId: string; remember?: boolean };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    /** Koa's request listener for node:http. */
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResult, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    /** Provider is a Koa application (an EventEmitter); events carry (ctx, error) or (error, ctx) for Koa's 'error'. */
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export default Provider;
}
