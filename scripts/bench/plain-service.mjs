// The benchmark's reference service: a plain Express app with a pg pool (pg's default size)
// answering GET /api/users/service-info with the same one query as the user service's route.
// No project code: no request context, logging, metrics or validation. Benchmark use only.
import express from 'express';
import pg from 'pg';

const port = Number(process.env.PLAIN_SERVICE_PORT);
const pool = new pg.Pool({ connectionString: process.env.PLAIN_DATABASE_URL, options: '-c search_path=user_service,public' });

const app = express();
app.get('/api/users/service-info', async (_req, res, next) => {
  try {
    const result = await pool.query('select max(version) as version from schema_migrations');
    res.json({ service: 'user', version: '0.1.0', schemaVersion: result.rows[0]?.version ?? null, time: new Date().toISOString() });
  } catch (error) {
    next(error);
  }
});
app.listen(port, '127.0.0.1');
