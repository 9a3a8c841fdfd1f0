"""fogofwar.language"""
