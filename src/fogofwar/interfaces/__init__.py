"""fogofwar.interfaces"""
