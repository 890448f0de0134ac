"""Output shapes of the API, one module per area. They only shape what gates and selectors
return; masking comes from `huanjie.people.display.PersonMasker` in the serializer context."""
