"""fogofwar.ingest"""
