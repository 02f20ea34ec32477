// The reference page /api/docs: Swagger UI renders the API's own /api/v1/openapi.json. "Try it out" sends requests to
// this origin; a successful sign-up, sign-in, refresh or password change made from the page authorizes the others
// with the access token it returned (kept in memory only, like the SPA's).
import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-bundle.js';

const TOKEN_ISSUERS = ['/api/v1/auth/signup', '/api/v1/auth/signin', '/api/v1/auth/refresh', '/api/v1/me/password'];

function showError(root, message) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = message;
  root.replaceChildren(p);
}

async function start() {
  const root = document.getElementById('reference');
  const res = await fetch('/api/v1/openapi.json', { headers: { accept: 'application/json' } }).catch(() => null);
  if (!res || !res.ok) {
    showError(root, `The API description could not be loaded (${res ? `HTTP ${res.status}` : 'network error'}).`);
    return;
  }
  const spec = await res.json();
  spec.servers = [{ url: window.location.origin, description: 'This server' }];
  root.replaceChildren();
  const ui = SwaggerUIBundle({
    spec,
    domNode: root,
    deepLinking: true,
    displayOperationId: true,
    defaultModelsExpandDepth: 0,
    validatorUrl: null, // no call to the public validator
    persistAuthorization: false, // never in localStorage
    responseInterceptor(response) {
      const path = new URL(response.url, window.location.origin).pathname;
      const token = response.ok && response.body && response.body.access_token;
      if (token && TOKEN_ISSUERS.includes(path)) ui.preauthorizeApiKey('bearerAuth', token);
      return response;
    },
  });
}

start();
