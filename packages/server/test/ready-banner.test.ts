import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { test } from 'node:test';
import { reachableUrls, readyBanner } from '../src/ready-banner.ts';

const address = (ip: string, internal: boolean): NetworkInterfaceInfo => ({
  address: ip,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${ip}/24`,
});

test('a gateway on every interface is shown at addresses a person can type, here and from a phone', () => {
  const interfaces = { lo: [address('127.0.0.1', true)], eth0: [address('192.168.1.20', false)] };
  assert.deepEqual(reachableUrls('http://0.0.0.0:8787', interfaces), [
    'http://127.0.0.1:8787',
    'http://192.168.1.20:8787',
  ]);
  assert.deepEqual(reachableUrls('http://127.0.0.1:8787', interfaces), ['http://127.0.0.1:8787']);
});

test('the banner never tells anyone to open 0.0.0.0', () => {
  const banner = readyBanner({ url: 'http://0.0.0.0:8787', withApp: true, signup: 'Sign-up is by invite.' });
  assert.doesNotMatch(banner, /0\.0\.0\.0/);
  assert.match(banner, /Haru is ready: open http:\/\/127\.0\.0\.1:8787/);
});
