// Swagger UI for /docs; the spec is fetched with the browser's session cookie.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
