"""The copy students read without a connection: the zip and the service worker."""
