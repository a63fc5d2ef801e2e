"""Users, roles, sessions and API tokens: who may see and change what."""
