"""Domain model, the GraphStore protocol and the Bolt store."""
