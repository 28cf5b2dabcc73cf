// Every port the local system uses, in one place (the run file dapr.yaml repeats the app ones).
export const ports = {
  postgres: 55432,
  redis: 56379,
  azuriteBlob: 10000,
  sentry: 50001,
  sentryHealthz: 58080,
  sentryMetrics: 59090,
  scheduler: 50006,
  schedulerHealthz: 58081,
  schedulerMetrics: 59091,
  schedulerEtcdClient: 52379,
  schedulerEtcdPeer: 52380,
  oidc: 54000,
  nhis: 54100,
  claude: 54200,
};

/** App id → [app port, sidecar HTTP port], as in dapr.yaml. */
export const apps = {
  gateway: [3000, 3500],
  user: [3001, 3501],
  health: [3002, 3502],
  goal: [3003, 3503],
  intelligence: [3004, 3504],
  batch: [3005, 3505],
};

export const gatewayUrl = `http://127.0.0.1:${apps.gateway[0]}`;
