"""fogofwar.store"""
