// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Keeps 1% of every transfer: the escrow must refuse it.
contract FeeOnTransferToken is ERC20 {
    constructor() ERC20("Fee on transfer", "FOT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = value / 100;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}

/// @notice Refuses transfers to blocked addresses, like a stablecoin's blocklist.
contract BlocklistToken is ERC20 {
    mapping(address => bool) public blocked;

    constructor() ERC20("Blocklist USD", "BUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function _update(address from, address to, uint256 value) internal override {
        require(!blocked[to], "blocked");
        super._update(from, to, value);
    }
}

/// @notice Calls back into a target with prepared calldata from inside every transfer, like an ERC-777 hook: the
/// attacker tries to re-enter the escrow while it moves money. The outcome of the re-entry is recorded.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public payload;
    bool public attempted;
    bool public reentered;
    bytes public reentryError;

    constructor() ERC20("Reentrant", "RE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
        attempted = false;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (target != address(0) && !attempted && from != address(0)) {
            attempted = true;
            (bool ok, bytes memory err) = target.call(payload);
            reentered = ok;
            reentryError = err;
        }
    }
}

/// @notice Says every transfer succeeded while moving nothing.
contract LyingToken is ERC20 {
    constructor() ERC20("Lying", "LIE") {}

    function transferFrom(address, address, uint256) public pure override returns (bool) {
        return true;
    }
}

/// @notice Answers `false` to every transfer out (pulls work): a push in it must fall back to a credit.
contract FalseToken is ERC20 {
    constructor() ERC20("False", "NO") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function transfer(address, uint256) public pure override returns (bool) {
        return false;
    }
}

/// @notice Calls a hook on every receiver that has code, with all the gas it has, like an ERC-777 token: a hostile
/// receiver can burn whatever a push forwards.
contract HookToken is ERC20 {
    constructor() ERC20("Hook token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && to != msg.sender && to.code.length != 0) {
            (bool ok,) = to.call(abi.encodeWithSignature("tokensReceived(address,uint256)", from, value));
            require(ok, "hook refused");
        }
    }
}

/// @notice Transfers cost what a proxied, blocklisting stablecoin's do to a new holder (~60,000 gas): a delegate
/// hop and a dozen cold reads. Such a token must still be pushed, never credited.
contract HeavyToken is ERC20 {
    constructor() ERC20("Heavy USD", "HUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 sum;
        for (uint256 slot = 1_000; slot < 1_012; ++slot) {
            assembly {
                sum := add(sum, sload(add(slot, to)))
            }
        }
        require(sum == 0, "blocklisted");
        super._update(from, to, value);
    }
}
