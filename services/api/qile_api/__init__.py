"""Qile (齐乐): the community-culture data service of Zibo's screens."""
