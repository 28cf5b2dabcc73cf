// The benchmark's reference gateway: a plain Express app that forwards GET
// /api/users/service-info to the plain service with Node's fetch (its default keep-alive
// pool) and sends the answer back. No project code. Benchmark use only.
import express from 'express';

const port = Number(process.env.PLAIN_GATEWAY_PORT);
const upstream = process.env.PLAIN_UPSTREAM_URL;

const app = express();
app.get('/api/users/service-info', async (_req, res, next) => {
  try {
    const response = await fetch(`${upstream}/api/users/service-info`);
    res
      .status(response.status)
      .type(response.headers.get('content-type') ?? 'application/json')
      .send(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    next(error);
  }
});
app.listen(port, '127.0.0.1');
