"""actorgraph.web"""
