// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A contract party (buyer or supplier) that refuses ETH and can be told to burn gas instead: a push to it
/// must fall back to a credit, and it can still act and withdraw elsewhere.
contract RejectingParty {
    bool public burnGas;

    function setBurnGas(bool burn) external {
        burnGas = burn;
    }

    /// @notice Forwards a call (e.g. to the escrow) as this contract.
    function exec(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        if (burnGas) {
            while (true) {}
        }
        revert("no ETH, thanks");
    }
}

/// @notice Refuses pushed ETH (so it is credited), then, when it withdraws, tries to withdraw again from inside the
/// payment it receives.
contract ReentrantReceiver {
    address public immutable escrow;
    bool public armed;
    bool public reentered;
    bytes public reentryError;

    constructor(address escrow_) {
        escrow = escrow_;
    }

    function exec(bytes calldata data) external returns (bytes memory result) {
        bool ok;
        (ok, result) = escrow.call(data);
        require(ok, "call failed");
    }

    function arm() external {
        armed = true;
    }

    receive() external payable {
        require(armed, "not yet");
        (bool ok, bytes memory err) = escrow.call(abi.encodeWithSignature("withdraw(address,address)", address(0), address(this)));
        reentered = ok;
        reentryError = err;
    }
}

/// @notice A contract party that acts through `exec` (e.g. on the escrow), reverting as its call did.
abstract contract Executor {
    function exec(address target, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        (ok, result) = target.call(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
    }
}

/// @notice A party that acts through `exec` and burns every bit of gas it is given when paid (ETH or a token hook).
contract GasBurner is Executor {
    function tokensReceived(address, uint256) external pure {
        while (true) {}
    }

    receive() external payable {
        while (true) {}
    }
}

/// @notice A party whose receive spends about `cost` gas: well within the ETH push's
/// bound, so it must always be pushed, whatever gas the caller sends.
contract ThriftyReceiver is Executor {
    event Paid(uint256 amount);

    uint256 public immutable cost;

    constructor(uint256 cost_) {
        cost = cost_;
    }

    receive() external payable {
        uint256 start = gasleft();
        while (start - gasleft() < cost) {}
        emit Paid(msg.value);
    }
}

/// @notice A contract wallet (ERC-1271) whose owner's ECDSA signature over a digest is its own; it answers no to
/// everything once told to.
contract ContractWallet is Executor {
    address public immutable owner;
    bool public refuse;

    constructor(address owner_) {
        owner = owner_;
    }

    function setRefuse(bool refuse_) external {
        refuse = refuse_;
    }

    function isValidSignature(bytes32 digest, bytes calldata signature) external view returns (bytes4) {
        if (refuse || signature.length != 65) return 0xffffffff;
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        return ecrecover(digest, v, r, s) == owner ? bytes4(0x1626ba7e) : bytes4(0xffffffff);
    }
}
