// Swagger UI on the OpenAPI document of the installed departments. The document needs the staff session (the
// pavilion_session cookie, sent because this page has the same origin) and the privilege platform.api.read.
(function () {
  'use strict';
  var DOCUMENT = '/api/v1/platform/openapi.json';
  var status = document.getElementById('api-docs-status');

  function say(text, link) {
    status.textContent = text;
    if (link) {
      var a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.text;
      status.appendChild(document.createTextNode(' '));
      status.appendChild(a);
    }
  }

  fetch(DOCUMENT, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (response.status === 401) {
        say('Sign in to the staff workspace first, then come back to this page.', { href: '/', text: 'Sign in' });
        return null;
      }
      if (response.status === 403) {
        say('Your roles do not include the privilege platform.api.read.');
        return null;
      }
      if (!response.ok) {
        say('The API description could not be read (HTTP ' + response.status + ').');
        return null;
      }
      return response.json();
    })
    .then(function (spec) {
      if (!spec) {
        return;
      }
      say('');
      window.ui = SwaggerUIBundle({
        spec: spec,
        dom_id: '#swagger-ui',
        deepLinking: true,
        validatorUrl: null,
        presets: [SwaggerUIBundle.presets.apis],
        layout: 'BaseLayout',
        // "Try it out" calls go with the session cookie: a state-changing one must carry this header.
        requestInterceptor: function (request) {
          request.headers['X-Pavilion-Request'] = '1';
          return request;
        }
      });
    })
    .catch(function () {
      say('The API description could not be read.');
    });
})();
