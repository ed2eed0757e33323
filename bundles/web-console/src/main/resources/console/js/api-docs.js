// Swagger UI over the node's own OpenAPI document; "Try it out" calls carry the console login, if any.
import * as session from './session.js';

window.SwaggerUIBundle({
  url: `${session.API_BASE}openapi.json`,
  dom_id: '#swagger-ui',
  deepLinking: true,
  // No badge from validator.swagger.io: the page talks to this node only.
  validatorUrl: null,
  requestInterceptor: (request) => {
    const current = session.current();
    if (current && !request.headers.Authorization) {
      request.headers.Authorization = current.authorization;
    }
    return request;
  },
});
