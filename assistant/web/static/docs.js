// Swagger UI for /docs; the spec is fetched with the browser's session cookie, and "Try it out"
// requests carry the session's CSRF token (required on every cookie-authenticated change).
var csrfMeta = document.querySelector('meta[name="csrf-token"]');
window.ui = SwaggerUIBundle({
  url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  requestInterceptor: function (request) {
    if (csrfMeta) request.headers["X-CSRF-Token"] = csrfMeta.getAttribute("content");
    return request;
  }
});
