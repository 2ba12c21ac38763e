// Plain CommonJS: jest.config.js (before collecting) and the global setup (test-servers.ts) both ask.
const { existsSync } = require('node:fs');
const { request } = require('node:http');
const { homedir } = require('node:os');
const { join } = require('node:path');

/**
 * Where Testcontainers looks for a Docker engine: DOCKER_HOST (unix:// or tcp://), else the
 * usual sockets (system, rootless, Docker Desktop). Undefined when there is none to ask.
 */
function dockerEngineAddress(env) {
  if (env.DOCKER_HOST) {
    try {
      const url = new URL(env.DOCKER_HOST);
      if (url.protocol === 'unix:') return { socketPath: url.pathname };
      if (url.protocol === 'tcp:') return { host: url.hostname, port: Number(url.port) || 2375 };
    } catch {
      return undefined;
    }
    return undefined;
  }
  const sockets = [
    '/var/run/docker.sock',
    env.XDG_RUNTIME_DIR && join(env.XDG_RUNTIME_DIR, 'docker.sock'),
    join(homedir(), '.docker', 'run', 'docker.sock'),
  ];
  const socketPath = sockets.find((path) => path && existsSync(path));
  return socketPath ? { socketPath } : undefined;
}

/**
 * Whether a Docker engine answers its API's ping, within `timeoutMs`: a docker CLI without an
 * engine, or a socket nobody serves, is a plain "no", never a hang.
 */
function dockerEngineAnswers(env = process.env, timeoutMs = 2000) {
  const address = dockerEngineAddress(env);
  if (!address) return Promise.resolve(false);
  return new Promise((resolve) => {
    const ping = request({ ...address, path: '/_ping', timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    ping.once('timeout', () => ping.destroy());
    ping.once('error', () => resolve(false));
    ping.once('close', () => resolve(false));
    ping.end();
  });
}

module.exports = { dockerEngineAnswers };
