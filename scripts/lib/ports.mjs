// Every port the local system uses, in one place (the run file dapr.yaml repeats the app ones).
// All below 32768, outside Linux's ephemeral range, so an outgoing connection can never hold
// one of them when the dapr CLI checks it is free — except Sentry's 50001, which the CLI
// hard-codes for mTLS (it starts first, before the system makes many connections).
export const ports = {
  postgres: 15432,
  redis: 16379,
  azuriteBlob: 10000,
  sentry: 50001,
  sentryHealthz: 18080,
  sentryMetrics: 19090,
  scheduler: 16006,
  schedulerHealthz: 18081,
  schedulerMetrics: 19091,
  schedulerEtcdClient: 12379,
  schedulerEtcdPeer: 12380,
  oidc: 14000,
  /** A second OpenID Connect issuer (another instance of the Google stand-in), as Kakao or Apple would be. */
  oidcSecond: 14050,
  nhis: 14100,
  claude: 14200,
  /** Firebase Cloud Messaging and Google's OAuth token endpoint (standins/fcm). */
  fcm: 14300,
  /** Zipkin: the sidecars send spans to /api/v2/spans (dapr/local/*.yaml repeat it); UI at /zipkin/. */
  traceViewer: 19411,
  /** The web client's static files (clients/web); the gateway's CORS_ORIGINS in dapr.yaml names it. */
  web: 3100,
};

/**
 * The alternative component set's broker (components/alt; only while that set runs): RabbitMQ's
 * AMQP listener, its Erlang distribution port, and the Erlang port mapper it registers with
 * (started by us, so none of the system's own is used or left behind).
 */
export const rabbitMqPorts = {
  amqp: 25700,
  distribution: 25701,
  epmd: 25702,
};

/**
 * The deployment checks' own Kubernetes control plane (tests/deploy/kube.test.mjs): etcd,
 * kube-apiserver, and Dapr's Sentry, operator and injector, on loopback. Apart from the
 * system's ports, so the check can run beside a running system.
 */
export const kubeCheckPorts = {
  etcdClient: 26379,
  etcdPeer: 26380,
  apiserver: 26443,
  sentry: 26501,
  sentryHealthz: 26081,
  sentryMetrics: 26091,
  operator: 26502,
  operatorHealthz: 26082,
  operatorMetrics: 26092,
  operatorWebhook: 26444,
  injector: 26445,
  injectorHealthz: 26083,
  injectorMetrics: 26093,
  kwok: 26446,
};

/** The rollout check's control plane (tests/deploy/kube-rollout.test.mjs): the same set, 100 higher. */
export const kubeRolloutCheckPorts = Object.fromEntries(Object.entries(kubeCheckPorts).map(([k, v]) => [k, v + 100]));

export const traceViewerUrl = `http://127.0.0.1:${ports.traceViewer}/zipkin/`;

/** App id → [app port, sidecar HTTP port], as in dapr.yaml. */
export const apps = {
  gateway: [3000, 3500],
  user: [3001, 3501],
  health: [3002, 3502],
  goal: [3003, 3503],
  intelligence: [3004, 3504],
  batch: [3005, 3505],
  'usage-analytics': [3006, 3506],
};

/** App id → its sidecar's gRPC API port, as in dapr.yaml (the Dapr SDK's state, publish and secret calls). */
export const sidecarGrpcPorts = {
  gateway: 31100,
  user: 31101,
  health: 31102,
  goal: 31103,
  intelligence: 31104,
  batch: 31105,
};

export const gatewayUrl = `http://127.0.0.1:${apps.gateway[0]}`;
export const webUrl = `http://127.0.0.1:${ports.web}`;
