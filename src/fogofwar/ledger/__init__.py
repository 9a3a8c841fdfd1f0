"""fogofwar.ledger"""
