import client from 'prom-client';
import type { NextFunction, Request, Response } from 'express';

/**
 * The route TEMPLATE a request matched (never the raw path): `req.route` is set only when a
 * route matched; a proxy (the gateway) names the template it matched in res.locals.routeTemplate.
 */
export function routeTemplateOf(req: Request, res: Response): string {
  if (typeof res.locals.routeTemplate === 'string') return res.locals.routeTemplate;
  return req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
}

export interface Metrics {
  registry: client.Registry;
  counter(name: string, help: string, labelNames?: string[]): client.Counter;
  gauge(name: string, help: string, labelNames?: string[]): client.Gauge;
  histogram(name: string, help: string, labelNames?: string[], buckets?: number[]): client.Histogram;
  /** Express middleware recording count and latency per route TEMPLATE (never the raw path). */
  httpMiddleware(): (req: Request, res: Response, next: NextFunction) => void;
}

export function createMetrics(service: string): Metrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });

  const metric = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? make();

  const requests = new client.Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'HTTP requests served, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  return {
    registry,
    counter: (name, help, labelNames = []) => metric(name, () => new client.Counter({ name, help, labelNames, registers: [registry] })),
    gauge: (name, help, labelNames = []) => metric(name, () => new client.Gauge({ name, help, labelNames, registers: [registry] })),
    histogram: (name, help, labelNames = [], buckets) =>
      metric(name, () => new client.Histogram({ name, help, labelNames, registers: [registry], ...(buckets ? { buckets } : {}) })),
    httpMiddleware() {
      return (req, res, next) => {
        const end = requests.startTimer();
        res.on('finish', () => {
          end({ method: req.method, route: routeTemplateOf(req, res), status: String(res.statusCode) });
        });
        next();
      };
    },
  };
}
