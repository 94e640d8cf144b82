"""Pure domain: vocabulary, records, validation, cycle math. No Qt, no SQL, no I/O."""
