"""The API's endpoints, one module per area; thin: gate, selector or service, serializer."""
