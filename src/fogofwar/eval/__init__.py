"""fogofwar.eval"""
