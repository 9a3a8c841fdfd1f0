"""fogofwar.export"""
