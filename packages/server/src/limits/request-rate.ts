import { createMiddleware } from 'hono/factory';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppEnv } from '../routes/router.ts';
import { rateLimited } from './rate-limited.ts';

/** Limiters by their rate, so a user the owner gave another rate has a limiter of their own. */
function limiters() {
  const byRate = new Map<string, RateLimiterMemory>();
  return (points: number, durationSeconds: number) => {
    const name = `${points}/${durationSeconds}`;
    let limiter = byRate.get(name);
    if (!limiter) {
      limiter = new RateLimiterMemory({ points, duration: durationSeconds });
      byRate.set(name, limiter);
    }
    return limiter;
  };
}

/** Takes one of `key`'s `points` per `durationSeconds`; over that, the 429 says when to come back. */
export function rateLimit(what: string, unit: string) {
  const limiterFor = limiters();
  return async (key: string, points: number, durationSeconds: number) => {
    try {
      await limiterFor(points, durationSeconds).consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw rateLimited(
        `Rate limit reached: ${what} allows ${points} ${unit} per ${per(durationSeconds)}.`,
        rejection.msBeforeNext,
      );
    }
  };
}

const per = (seconds: number) => (seconds === 60 ? 'minute' : seconds === 3600 ? 'hour' : `${seconds} s`);

/** Each user's requests per minute, as the owner set for them or the gateway's default. */
export function perUserRequestRate(defaultPerMinute: number) {
  const take = rateLimit('this gateway', 'requests');
  return createMiddleware<AppEnv>(async (c, next) => {
    const perMinute = c.var.quotas.rate_limit_rpm ?? defaultPerMinute;
    c.set('requestsPerMinute', perMinute);
    await take(c.var.userId, perMinute, 60);
    await next();
  });
}
